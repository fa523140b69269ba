package app.tandem.standards.domain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Saved CASE providers of a district and the provider source of each framework fetched from one (V14). Every read
 * is scoped by district. The client secret is only ever held here as the JWE the application encrypted; it is
 * never part of {@code toString()}.
 */
@ApplicationScoped
public class ProviderStore {
    @Inject
    StandardsStore store;

    public ProviderStore() {
    }

    public ProviderStore(StandardsStore store) {
        this.store = store;
    }

    /** A saved provider. {@code secretJwe} is the encrypted client secret (null without credentials). */
    public record Provider(String id, String districtId, String name, String baseUrl, String tokenUrl, String clientId,
                           String secretJwe, String scope, OffsetDateTime createdAt, OffsetDateTime updatedAt, long version) {
        public boolean hasCredentials() {
            return clientId != null && secretJwe != null;
        }

        @Override
        public String toString() {
            return "Provider[" + id + ", " + name + ", " + baseUrl + ", client " + clientId + ", secret hidden]";
        }
    }

    /** Where a framework was fetched from; {@code providerId} null when its provider was deleted. */
    public record Source(String frameworkId, String providerId, String providerName, String packageUrl, OffsetDateTime fetchedAt,
                         String lastChange) {
    }

    private static final String COLUMNS = "id, district_id, name, base_url, token_url, client_id, client_secret_jwe, scope, created_at, "
            + "updated_at, version";

    private static Provider provider(ResultSet rs) throws SQLException {
        return new Provider(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getString(7), rs.getString(8), rs.getObject(9, OffsetDateTime.class), rs.getObject(10, OffsetDateTime.class), rs.getLong(11));
    }

    public List<Provider> providers(String districtId) {
        return store.query("SELECT " + COLUMNS + " FROM std_case_provider WHERE district_id = ? ORDER BY name, created_at",
                ProviderStore::provider, districtId);
    }

    public Optional<Provider> provider(String districtId, String id) {
        return store.query("SELECT " + COLUMNS + " FROM std_case_provider WHERE district_id = ? AND id = ?", ProviderStore::provider,
                districtId, id).stream().findFirst();
    }

    public void insert(Provider p, String personId) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        store.update("INSERT INTO std_case_provider (" + COLUMNS + ", created_by, updated_by) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                p.id(), p.districtId(), p.name(), p.baseUrl(), p.tokenUrl(), p.clientId(), p.secretJwe(), p.scope(), now, now, 0L,
                personId, personId);
    }

    /** Updates name, URLs and credentials; false when the row is gone (or of another district). */
    public boolean update(Provider p, String personId) {
        return store.update("UPDATE std_case_provider SET name = ?, base_url = ?, token_url = ?, client_id = ?, client_secret_jwe = ?, "
                        + "scope = ?, updated_by = ?, updated_at = ?, version = version + 1 WHERE district_id = ? AND id = ?",
                p.name(), p.baseUrl(), p.tokenUrl(), p.clientId(), p.secretJwe(), p.scope(), personId, OffsetDateTime.now(ZoneOffset.UTC),
                p.districtId(), p.id()) == 1;
    }

    /** Deletes the provider; its frameworks stay (their source keeps the package URL, loses the provider). */
    public boolean delete(String districtId, String id) {
        store.update("UPDATE std_framework_source SET provider_id = NULL WHERE provider_id = ? AND framework_id IN "
                + "(SELECT f.id FROM std_framework f WHERE f.district_id = ?)", id, districtId);
        return store.update("DELETE FROM std_case_provider WHERE district_id = ? AND id = ?", districtId, id) == 1;
    }

    // ---- framework sources ---------------------------------------------------------------------------------

    public Optional<Source> source(String districtId, String frameworkId) {
        return store.query("SELECT s.framework_id, s.provider_id, p.name, s.package_url, s.fetched_at, s.last_change "
                        + "FROM std_framework_source s JOIN std_framework f ON f.id = s.framework_id "
                        + "LEFT JOIN std_case_provider p ON p.id = s.provider_id AND p.district_id = f.district_id "
                        + "WHERE f.district_id = ? AND s.framework_id = ?",
                rs -> new Source(rs.getString(1), rs.getString(3) == null ? null : rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getObject(5, OffsetDateTime.class), rs.getString(6)), districtId, frameworkId).stream().findFirst();
    }

    /** The frameworks of a district fetched from a saved provider: framework id → source. */
    public List<Source> sources(String districtId) {
        return store.query("SELECT s.framework_id, s.provider_id, p.name, s.package_url, s.fetched_at, s.last_change "
                        + "FROM std_framework_source s JOIN std_framework f ON f.id = s.framework_id "
                        + "JOIN std_case_provider p ON p.id = s.provider_id AND p.district_id = f.district_id WHERE f.district_id = ?",
                rs -> new Source(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getObject(5, OffsetDateTime.class),
                        rs.getString(6)), districtId);
    }

    /**
     * Records that a framework was (re)fetched from a saved provider: the package URL, now, and the CFDocument's
     * lastChangeDateTime as imported (read from the framework row).
     */
    public void recordSource(String frameworkId, String providerId, String packageUrl) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        String lastChange = store.query("SELECT last_change FROM std_framework WHERE id = ?", rs -> rs.getString(1), frameworkId)
                .stream().findFirst().orElse(null);
        int n = store.update("UPDATE std_framework_source SET provider_id = ?, package_url = ?, fetched_at = ?, last_change = ? "
                + "WHERE framework_id = ?", providerId, packageUrl, now, lastChange, frameworkId);
        if (n == 0) {
            store.update("INSERT INTO std_framework_source (framework_id, provider_id, package_url, fetched_at, last_change) VALUES (?,?,?,?,?)",
                    frameworkId, providerId, packageUrl, now, lastChange);
        }
    }
}
