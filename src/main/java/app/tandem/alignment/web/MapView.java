package app.tandem.alignment.web;

import app.tandem.alignment.application.AlignmentType;
import app.tandem.alignment.application.CourseMap;
import app.tandem.alignment.application.CourseSettings;
import app.tandem.alignment.application.MapRules;
import app.tandem.alignment.application.SectionAccess;
import app.tandem.standards.application.StandardsCatalog.FrameworkRef;
import java.util.List;

/**
 * What the course-map templates show: the map, what the person may do with it, the section's settings and the
 * district's enabled frameworks (for the settings form), and the element to focus after a swap (keyboard reorder).
 */
public record MapView(CourseMap map, SectionAccess.Grant grant, CourseSettings.Settings settings, List<FrameworkRef> enabledFrameworks,
                      String focus) {

    public static final List<AlignmentType> TYPES = List.of(AlignmentType.values());
    public static final List<String> RESOURCE_TYPES = MapRules.RESOURCE_TYPES;
    public static final List<String> GRADES = List.of("KG", "01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12");

    public String sectionId() {
        return map.section().id();
    }

    public boolean edit() {
        return grant.mayEdit();
    }

    public boolean focused(String id) {
        return id.equals(focus);
    }

    /** Why the map is read-only, or null when the person may edit it. */
    public String readOnlyReason() {
        return switch (grant.level()) {
            case TEACHER, LINKED_EDITOR -> null;
            case COORDINATOR -> "You are looking at this course map as your district's eLearning coordinator: read only.";
            case LINKED_TEACHER -> "This is a linked section's course map: your district lets linked teachers see it but not change it.";
            case STUDENT -> "Read only.";
        };
    }

    public static String gradeLabel(String grade) {
        return grade.equals("KG") ? "Kindergarten" : "Grade " + Integer.parseInt(grade);
    }

    public static String typeLabel(String resourceType) {
        return resourceType == null ? "" : Character.toUpperCase(resourceType.charAt(0)) + resourceType.substring(1);
    }

    public static String kindLabel(CourseMap.Item item) {
        if (item.note()) {
            return "Note";
        }
        return item.ltiLinkItem() ? "LTI link · " + typeLabel(item.resourceType()) : typeLabel(item.resourceType());
    }

    /** The other units an item can move to. */
    public List<CourseMap.Unit> otherUnits(CourseMap.Item item) {
        return map.units().stream().filter(u -> !u.id().equals(item.unitId())).toList();
    }

    /** A statement cut for a list line. */
    public static String shortStatement(String statement) {
        if (statement == null) {
            return "";
        }
        return statement.length() > 140 ? statement.substring(0, 139) + "…" : statement;
    }
}
