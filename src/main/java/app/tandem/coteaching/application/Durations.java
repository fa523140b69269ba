package app.tandem.coteaching.application;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * The timed activities of a plan against its period length.
 *
 * @param planned   the sum of the activities' minutes
 * @param period    the period length
 * @param stations  rotations × minutes per rotation (station teaching; 0 otherwise)
 */
public record Durations(int planned, int period, int stations) {

    public static Durations of(JsonObject doc) {
        int sum = 0;
        for (JsonValue a : doc.getJsonArray("activities")) {
            sum += a.asJsonObject().getInt("minutes", 0);
        }
        JsonObject s = doc.getJsonObject("structure");
        int stations = PlanDocs.model(doc) == PlanModel.STATION && s != null ? s.getInt("rotations", 0) * s.getInt("rotationMinutes", 0) : 0;
        return new Durations(sum, doc.getInt("periodMinutes"), stations);
    }

    public int remaining() {
        return Math.max(0, period - planned);
    }

    public int over() {
        return Math.max(0, planned - period);
    }

    public boolean isOver() {
        return planned > period;
    }

    /** "35 of 50 minutes planned, 15 remaining" or "55 of 50 minutes planned, 5 over". */
    public String text() {
        String head = planned + " of " + period + " minutes planned";
        if (isOver()) {
            return head + ", " + over() + " over";
        }
        return remaining() == 0 ? head + ", the period is full" : head + ", " + remaining() + " remaining";
    }
}
