package app.tandem.district.application;

import app.tandem.common.AuditTrail;
import app.tandem.common.DistrictDataPart;
import app.tandem.common.InvalidRequestException;
import app.tandem.district.application.DistrictDataSet.FileCount;
import app.tandem.district.application.DistrictService.District;
import app.tandem.lti.api.DistrictScope;
import app.tandem.lti.api.LaunchContext;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.text.Normalizer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A district's data export and erasure (docs/operations.md, "District data export and erasure"): what Tandem stores
 * for the district, the ZIP download (coordinators of the district, and the admin API; each download is recorded as
 * {@code district.exported}), and the erasure of the whole district through the admin API, confirmed by the
 * district's exact name, in one transaction, logged to the server log (the district's own audit log goes with it).
 * The tables come from every slice's {@link DistrictDataPart}.
 */
@ApplicationScoped
public class DistrictData {
    private static final Logger LOG = Logger.getLogger(DistrictData.class.getName());
    /** Whether a person (first ?) was seen in the district (the other ?s). */
    static final String PERSON_IN_DISTRICT = "SELECT COUNT(*) FROM person WHERE id = ? AND id IN (" + DistrictScope.PEOPLE + ")";

    @Resource(lookup = "jdbc/tandem", shareable = false)
    DataSource dataSource;

    @Inject
    @Any
    Instance<DistrictDataPart> parts;

    @Inject
    DistrictService districts;

    @Inject
    AuditTrail audit;

    /** What Tandem stores for a district: rows per exported table, and what is never exported. */
    public record Inventory(District district, List<FileCount> files, List<DistrictDataPart.LeftOut> leftOut) {
        public long totalRows() {
            return files.stream().mapToLong(FileCount::rows).sum();
        }
    }

    /** Writes a download's bytes. */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    /** A ZIP download: its file name and its streamed body. */
    public record Download(String fileName, Body body) {
    }

    DistrictDataSet dataSet() {
        return new DistrictDataSet(dataSource, parts.stream().toList());
    }

    /** The launch's district's inventory (coordinators only). */
    public Inventory inventory(LaunchContext launch) {
        requireCoordinator(launch);
        District d = district(launch.districtId());
        DistrictDataSet set = dataSet();
        return new Inventory(d, set.counts(d.id()), set.leftOut());
    }

    /** The launch's district's export (coordinators only), recorded in the audit log. */
    public Download export(LaunchContext launch) {
        requireCoordinator(launch);
        District d = district(launch.districtId());
        audit.record(d.id(), AuditTrail.Actor.coordinator(launch.personId(), launch.personName()), "district.exported",
                AuditTrail.Target.of("district", d.id(), d.name()), null);
        return download(d);
    }

    /** Any district's export, for the admin API, recorded in the district's audit log. */
    public Download export(String districtId) {
        District d = district(districtId);
        audit.record(d.id(), AuditTrail.Actor.adminApi(), "district.exported", AuditTrail.Target.of("district", d.id(), d.name()), null);
        return download(d);
    }

    private Download download(District d) {
        Instant now = Instant.now();
        DistrictDataSet set = dataSet();
        return new Download(fileName(d.name(), now), out -> set.export(d.id(), d.name(), now, out));
    }

    /**
     * Erases the district and everything of it in one transaction, when {@code confirm} is its exact name (else 400
     * saying what to send; unknown district 404). The rows deleted per table. Logged to the server log with the
     * district id and the counts only (no names: the district may have been named after people or places).
     */
    public Map<String, Integer> erase(String districtId, String confirm) {
        District d = district(districtId);
        if (confirm == null || !confirm.equals(d.name())) {
            throw new InvalidRequestException((confirm == null || confirm.isEmpty() ? "Erasing a district needs confirmation." : "The confirmation does not match.")
                    + " Send ?confirm= followed by the district's exact name (URL-encoded): " + d.name(),
                    Map.of("confirm", "the district's exact name"));
        }
        Map<String, Integer> deleted = dataSet().erase(d.id());
        long total = deleted.values().stream().mapToLong(Integer::longValue).sum();
        LOG.warning(() -> "district erased: id=" + d.id() + ", " + total + " rows deleted " + deleted);
        return deleted;
    }

    /**
     * Erases one person of the district who asked for it (admin API): their person row, memberships, sessions,
     * presence and calendar feeds go; where shared content copied their name (plan revisions and comments, logs,
     * alignments) it becomes "Deleted person"; the content they authored stays. Unknown district or a person not seen
     * in it: 404. Recorded in the district's audit log as {@code person.erased} (the person's id only) and in the
     * server log. Erased everywhere: a person row is not per district.
     */
    public Map<String, Integer> erasePerson(String districtId, String personId) {
        District d = district(districtId);
        Map<String, Integer> changed = dataSet().erasePerson(d.id(), personId, PERSON_IN_DISTRICT);
        if (changed.isEmpty()) {
            throw new InvalidRequestException(404, "No person " + personId + " in district " + d.id() + ".", Map.of());
        }
        audit.record(d.id(), AuditTrail.Actor.adminApi(), "person.erased", AuditTrail.Target.of("person", personId, DistrictDataPart.DELETED_PERSON), null);
        LOG.warning(() -> "person erased: district=" + d.id() + ", person=" + personId + ", rows " + changed);
        return changed;
    }

    private District district(String id) {
        return districts.get(id).orElseThrow(() -> new InvalidRequestException(404, "No district " + id + ".", Map.of()));
    }

    static void requireCoordinator(LaunchContext launch) {
        CoordinatorOnly.require(launch, "see and download the district's data");
    }

    /** {@code tandem-<district name slug>-<yyyy-mm-dd>.zip} (ASCII letters, digits and dashes). */
    public static String fileName(String districtName, Instant at) {
        String slug = Normalizer.normalize(districtName, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > 60) {
            slug = slug.substring(0, 60).replaceAll("-+$", "");
        }
        return "tandem-" + (slug.isEmpty() ? "district" : slug) + "-" + at.atOffset(ZoneOffset.UTC).toLocalDate() + ".zip";
    }
}
