package app.tandem.alignment.application;

import java.util.List;
import java.util.Optional;

/**
 * Implemented by the co-teaching feature (which depends on alignment, not the other way round): the link group a
 * section belongs to. Alignment uses it to let teachers of linked sections see (and, where district policy allows,
 * edit) each other's course maps, copy units across the group, and report the group's coverage.
 */
public interface LinkedSections {

    /**
     * @param sectionIds        every live section of the group, this one included
     * @param mayEditEachOther  district policy: teachers of linked sections may edit each other's course maps
     */
    record Link(String groupId, String groupName, List<String> sectionIds, boolean mayEditEachOther) {
    }

    /** The live link group of the section, if any. */
    Optional<Link> linkOf(String sectionId);
}
