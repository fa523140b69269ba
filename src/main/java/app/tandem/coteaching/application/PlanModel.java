package app.tandem.coteaching.application;

import java.util.Arrays;
import java.util.Optional;

/** The six co-teaching models (Friend and Cook), each with the one-line description the plan pages show. */
public enum PlanModel {
    ONE_TEACH_ONE_OBSERVE("One teach, one observe",
            "One teacher leads the lesson while the other observes and collects agreed data on how students learn."),
    ONE_TEACH_ONE_ASSIST("One teach, one assist",
            "One teacher leads the lesson while the other circulates, helping individual students and checking work."),
    STATION("Station teaching",
            "Students rotate through stations: each teacher runs one, and students work independently at the others."),
    PARALLEL("Parallel teaching",
            "The class is split in two and each teacher teaches the same content to one group at the same time."),
    ALTERNATIVE("Alternative teaching",
            "One teacher takes a small group for pre-teaching, re-teaching or enrichment while the other teaches the rest."),
    TEAM("Team teaching",
            "Both teachers deliver the lesson together, sharing the lead, modelling discussion and taking turns.");

    private final String label;
    private final String description;

    PlanModel(String label, String description) {
        this.label = label;
        this.description = description;
    }

    public String label() {
        return label;
    }

    public String description() {
        return description;
    }

    public static Optional<PlanModel> parse(String name) {
        return name == null ? Optional.empty() : Arrays.stream(values()).filter(m -> m.name().equals(name.strip())).findFirst();
    }
}
