package app.tandem.coteaching.application;

import app.tandem.alignment.application.LinkedSections;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/** Alignment's view of link groups: a section's live group, its sections, and whether linked teachers may edit. */
@ApplicationScoped
public class LinkedSectionsDirectory implements LinkedSections {
    @Inject
    LinkGroups groups;

    @Inject
    CoteachingPolicies policies;

    @Override
    public Optional<Link> linkOf(String sectionId) {
        return groups.groupOfSection(sectionId).map(g -> new Link(g.id(), g.name(), g.sectionIds(),
                policies.of(g.districtId()).linkedMayEdit()));
    }
}
