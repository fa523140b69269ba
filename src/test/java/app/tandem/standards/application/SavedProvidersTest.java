package app.tandem.standards.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.tandem.common.InvalidRequestException;
import app.tandem.common.SecretBox;
import app.tandem.lti.api.AppRole;
import app.tandem.lti.api.LaunchContext;
import app.tandem.standards.CaseProviderStub;
import app.tandem.standards.TestDatabase;
import app.tandem.standards.domain.ProviderStore;
import app.tandem.standards.domain.ProviderStore.Provider;
import app.tandem.standards.domain.StandardsStore;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saved CASE providers on H2 against the in-test provider: encryption at rest, validation, tenancy, browse, update check. */
class SavedProvidersTest {
    static final String SMART = "d0000000-0000-0000-0000-000000000000";
    static final Path SMART_FILE = TestDatabase.data("opensalt_smartlevel-test_case1p0.json");
    static CaseProviderStub provider;

    final TestDatabase db = new TestDatabase();
    final StandardsStore store = new StandardsStore(db.dataSource);
    final ProviderStore providerStore = new ProviderStore(store);
    final SavedProviders saved = new SavedProviders();
    final LaunchContext coordinator = launch(db.districtId, AppRole.COORDINATOR);

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        provider = new CaseProviderStub().serve(SMART, "SmartLevel Test", SMART_FILE);
    }

    @AfterAll
    static void stop() {
        provider.close();
    }

    SavedProvidersTest() {
        StandardsService standards = new StandardsService(store, null);
        ProviderImports imports = new ProviderImports();
        imports.allowLoopback = true;
        imports.timeoutSeconds = 5;
        imports.maxMb = 16;
        imports.store = store;
        imports.standards = standards;
        saved.providers = providerStore;
        saved.store = store;
        saved.standards = standards;
        saved.imports = imports;
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) 3);
        saved.secrets = SecretBox.withKey(key);
        saved.audit = new app.tandem.common.JdbcAuditTrail(db.dataSource);
    }

    static LaunchContext launch(String district, AppRole role) {
        return new LaunchContext("t", "person-" + role, "Pat", role == AppRole.TEACHER ? "s" : null, null, district, "r", "d", role,
                EnumSet.of(role), "LtiResourceLinkRequest", null, List.of(), OffsetDateTime.now().plusHours(1), Map.of(), null);
    }

    SavedProviders.Form withSecret(String name, String secret) {
        return new SavedProviders.Form(name, provider.base() + "/secure", provider.tokenUrl(), CaseProviderStub.CLIENT_ID, secret, null);
    }

    String storedJwe(String id) {
        return store.query("SELECT client_secret_jwe FROM std_case_provider WHERE id = ?", rs -> rs.getString(1), id).get(0);
    }

    @Test
    void theSecretIsStoredEncryptedAndNeverShown() {
        Provider p = saved.create(coordinator, withSecret("State CASE server", CaseProviderStub.CLIENT_SECRET));
        String column = storedJwe(p.id());
        assertThat(column).isNotEqualTo(CaseProviderStub.CLIENT_SECRET).doesNotContain("s3cret").startsWith("eyJ");
        assertThat(saved.secrets.decrypt(column)).isEqualTo(CaseProviderStub.CLIENT_SECRET);
        assertThat(p.toString()).doesNotContain("s3cret").doesNotContain(column);
        assertThat(saved.list(coordinator)).extracting(Provider::name).containsExactly("State CASE server");
        assertThat(p.baseUrl()).isEqualTo(provider.base() + "/secure");
        assertThat(p.hasCredentials()).isTrue();
        // the district audit log names the provider and its address, never the secret
        assertThat(saved.audit.page(db.districtId, 1, app.tandem.common.AuditTrail.Filter.NONE).entries()).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("provider.created");
            assertThat(e.targetLabel()).isEqualTo("State CASE server");
            assertThat(e.details()).contains(provider.base()).doesNotContain("s3cret").doesNotContain(column);
        });

        // the stored credentials work: browse signs in and lists the provider's documents
        int tokens = provider.tokensIssued();
        CaseProviderClient.Listing listing = saved.browse(coordinator, p.id());
        assertThat(listing.documents()).extracting(CaseProviderClient.Document::identifier).containsExactly(SMART);
        assertThat(listing.documents().get(0).lastChange()).isEqualTo("2017-09-22T23:13:54+00:00");
        assertThat(provider.tokensIssued()).isEqualTo(tokens + 1);
    }

    @Test
    void editingWithABlankSecretKeepsItAndClearingTheCredentialsRemovesThem() {
        Provider p = saved.create(coordinator, withSecret("Server", CaseProviderStub.CLIENT_SECRET));
        String jwe = storedJwe(p.id());
        Provider renamed = saved.update(coordinator, p.id(), new SavedProviders.Form("Renamed", provider.base() + "/secure", provider.tokenUrl(),
                CaseProviderStub.CLIENT_ID, "", null));
        assertThat(renamed.name()).isEqualTo("Renamed");
        assertThat(storedJwe(p.id())).isEqualTo(jwe);
        assertThat(renamed.version()).isEqualTo(p.version() + 1);

        saved.update(coordinator, p.id(), withSecret("Renamed", "another secret"));
        assertThat(saved.secrets.decrypt(storedJwe(p.id()))).isEqualTo("another secret");

        Provider open = saved.update(coordinator, p.id(), new SavedProviders.Form("Open", provider.base(), null, null, null, null));
        assertThat(open.hasCredentials()).isFalse();
        assertThat(storedJwe(p.id())).isNull();
    }

    @Test
    void badInputNamesTheFields() {
        assertFields(() -> saved.create(coordinator, new SavedProviders.Form(" ", "ftp://example.org", null, null, null, null)), "name", "url");
        assertFields(() -> saved.create(coordinator, new SavedProviders.Form("x", provider.base(), null, "only-an-id", null, null)),
                "tokenUrl", "clientSecret");
        assertFields(() -> saved.create(coordinator, new SavedProviders.Form("x", "http://169.254.169.254/", null, null, null, null)), "url");
        assertFields(() -> saved.create(coordinator, new SavedProviders.Form("x", provider.packageUrl("", "v1p1", SMART), null, null, null, null)),
                "url");
        assertFields(() -> saved.create(coordinator, new SavedProviders.Form("x".repeat(201), provider.base(), null, null, null, null)), "name");
        assertThat(saved.list(coordinator)).isEmpty();
    }

    @Test
    void anotherDistrictSeesNothingAndTeachersAreRefused() {
        Provider p = saved.create(coordinator, withSecret("Ours", CaseProviderStub.CLIENT_SECRET));
        String other = UUID.randomUUID().toString();
        db.addDistrict(other, "Other district");
        LaunchContext foreign = launch(other, AppRole.COORDINATOR);
        assertThat(saved.list(foreign)).isEmpty();
        assertStatus(() -> saved.get(foreign, p.id()), 404);
        assertStatus(() -> saved.browse(foreign, p.id()), 404);
        assertStatus(() -> saved.update(foreign, p.id(), withSecret("Theirs", "x")), 404);
        assertStatus(() -> saved.delete(foreign, p.id()), 404);
        assertStatus(() -> saved.list(launch(db.districtId, AppRole.TEACHER)), 403);
        assertThat(saved.get(coordinator, p.id()).name()).isEqualTo("Ours");
    }

    @Test
    void checkForUpdateComparesTheProvidersLastChangeWithTheImportedOne() {
        Provider p = saved.create(coordinator, withSecret("Server", CaseProviderStub.CLIENT_SECRET));
        String framework = UUID.randomUUID().toString();
        store.update("INSERT INTO std_framework (id, district_id, identifier, title, source_format, current_version, item_count, last_change, "
                        + "created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)", framework, db.districtId, SMART, "SmartLevel Test", "case-json",
                1, 14, "2017-09-22T23:13:54+00:00", OffsetDateTime.now(), OffsetDateTime.now());
        String packageUrl = provider.packageUrl("/secure", "v1p1", SMART);
        providerStore.recordSource(framework, p.id(), packageUrl);
        assertThat(saved.source(coordinator, framework)).hasValueSatisfying(s -> {
            assertThat(s.providerName()).isEqualTo("Server");
            assertThat(s.lastChange()).isEqualTo("2017-09-22T23:13:54+00:00");
        });

        SavedProviders.UpdateCheck same = saved.checkForUpdate(coordinator, framework);
        assertThat(same.newer()).isFalse();
        assertThat(same.message()).startsWith("Up to date");

        provider.serve(SMART, "SmartLevel Test", CaseProviderStub.newerVersion(SMART_FILE, dir, "2026-11-20T08:00:00+00:00", null, null));
        try {
            SavedProviders.UpdateCheck newer = saved.checkForUpdate(coordinator, framework);
            assertThat(newer.newer()).isTrue();
            assertThat(newer.message()).isEqualTo("A newer version is available (changed 2026-11-20T08:00:00+00:00).");
        } finally {
            provider.serve(SMART, "SmartLevel Test", SMART_FILE);
        }

        // another district's framework is not found; a deleted provider leaves the framework without one-click re-import
        String other = UUID.randomUUID().toString();
        db.addDistrict(other, "Other district");
        assertStatus(() -> saved.checkForUpdate(launch(other, AppRole.COORDINATOR), framework), 404);
        saved.delete(coordinator, p.id());
        assertThat(saved.source(coordinator, framework)).hasValueSatisfying(s -> assertThat(s.providerId()).isNull());
        assertStatus(() -> saved.checkForUpdate(coordinator, framework), 409);
        assertStatus(() -> saved.reimport(coordinator, framework), 409);
    }

    @Test
    void comparesDatesNotText() {
        assertThat(SavedProviders.compare("2020-01-02T00:00:00Z", "2020-01-01T23:00:00+00:00").newer()).isTrue();
        assertThat(SavedProviders.compare("2020-01-01T23:00:00Z", "2020-01-02T00:00:00+01:00").newer()).isFalse();
        assertThat(SavedProviders.compare("2020-01-02", "2020-01-01T10:00:00").newer()).isTrue();
        assertThat(SavedProviders.compare(null, "2020-01-01").newer()).isFalse();
        assertThat(SavedProviders.compare(null, "2020-01-01").message()).contains("does not say");
        assertThat(SavedProviders.compare("2020-01-01", null).newer()).isTrue();
    }

    private static void assertFields(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String... fields) {
        assertThatThrownBy(call).isInstanceOfSatisfying(InvalidRequestException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.fields()).containsKeys(fields);
        });
    }

    private static void assertStatus(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, int status) {
        assertThatThrownBy(call).isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.status()).isEqualTo(status));
    }
}
