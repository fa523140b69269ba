package app.tandem.it;

import static app.tandem.it.TestPlatform.INSTRUCTOR;
import static app.tandem.it.TestPlatform.LEARNER;
import static org.assertj.core.api.Assertions.assertThat;

import app.tandem.it.TestPlatform.DeepLinkReturn;
import app.tandem.it.TestPlatform.Person;
import app.tandem.it.TestPlatform.Section;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.jwk.JWK;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tool key rotation through the admin API ({@code POST /api/admin/keys/rotate}) while Tandem is in use: launches
 * running on several threads never fail across the switch, the JWKS publishes the next key ahead and keeps the
 * replaced one, what Tandem signs after the switch (deep-linking responses, client assertions) carries the new
 * kid and verifies with the published keys, and logins started under the old state key still finish. (Platform
 * key rotation is in RejectionsIT.)
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class KeyRotationIT {
    private static final int THREADS = 4;
    private static final int MAX_LAUNCHES_PER_THREAD = 60;
    private static final int LAUNCHES_EACH_SIDE = 16;
    private static TestPlatform platform;

    private final AdminClient admin = AdminClient.authorized();
    private final Section section = Section.named("Robotics club");
    private final Person teacher = Person.of("Margaret Hamilton", section, INSTRUCTOR);

    /** A row of GET /api/admin/keys. */
    private record Key(String kid, String purpose, String status, Instant activateAt, Instant retireAt) {
    }

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.tandem();
    }

    @BeforeAll
    static void startPlatform() {
        platform = TestPlatform.start("KeyRotationIT");
    }

    @AfterAll
    static void stopPlatform() {
        platform.close();
    }

    @ParameterizedTest(name = "published {0} minutes ahead")
    @ValueSource(ints = {0, 60})
    void launchesRunningAcrossARotationNeverFail(int leadMinutes) throws Exception {
        AtomicBoolean rotated = new AtomicBoolean();
        CountDownLatch before = new CountDownLatch(LAUNCHES_EACH_SIDE);
        CountDownLatch after = new CountDownLatch(LAUNCHES_EACH_SIDE);
        AtomicInteger launches = new AtomicInteger();
        List<String> failures = new CopyOnWriteArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            Person person = Person.of("Launcher " + t, Section.named("Rotation " + leadMinutes + "/" + t), t % 2 == 0 ? INSTRUCTOR : LEARNER);
            running.add(pool.submit(() -> {
                for (int i = 0; i < MAX_LAUNCHES_PER_THREAD && after.getCount() > 0; i++) {
                    boolean startedAfter = rotated.get();
                    HttpResponse<String> home = platform.launch(new Browser(), person);
                    launches.incrementAndGet();
                    if (home.statusCode() != 200 || Html.sessionToken(home.body()) == null) {
                        failures.add("HTTP " + home.statusCode() + ": " + Html.testId(home.body(), "rejection-code"));
                    }
                    (startedAfter ? after : before).countDown();
                }
            }));
        }

        assertThat(before.await(60, TimeUnit.SECONDS)).as("launches before the rotation").isTrue();
        String newKid = rotate(leadMinutes, 60);
        rotated.set(true);
        assertThat(after.await(60, TimeUnit.SECONDS)).as("launches after the rotation").isTrue();
        for (Future<?> f : running) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(failures).isEmpty();
        assertThat(launches.get()).isGreaterThanOrEqualTo(2 * LAUNCHES_EACH_SIDE);
        assertThat(keys().get(newKid).status()).isEqualTo(leadMinutes == 0 ? "current" : "next");
        assertThat(jwksKids()).contains(newKid);
    }

    @Test
    void theJwksPublishesTheNextKeyAheadAndKeepsTheReplacedOne() {
        String signing = deepLinkingResponseKid();

        String next = rotate(60, 60);

        assertThat(keys().get(next)).extracting(Key::purpose, Key::status).containsExactly("signing", "next");
        assertThat(jwksKids()).contains(signing, next);
        assertThat(deepLinkingResponseKid()).as("the next key does not sign yet").isEqualTo(signing);

        String current = rotate(0, 60);

        Map<String, Key> keys = keys();
        assertThat(keys.get(current).status()).isEqualTo("current");
        assertThat(keys.get(signing).status()).isEqualTo("retiring");
        assertThat(keys.get(signing).retireAt()).isAfter(Instant.now().plusSeconds(50 * 60));
        assertThat(jwksKids()).contains(signing, current);
        assertThat(ToolJwks.fetch().getKeys()).noneMatch(JWK::isPrivate);
        assertThat(deepLinkingResponseKid()).as("signed after the switch, verified by the platform").isEqualTo(current);
    }

    @Test
    void duringThePublishLeadTheSigningKeyIsListedAsCurrent() {
        rotate(0, 60);
        String signing = deepLinkingResponseKid();

        String next = rotate(60, 60);

        Map<String, Key> keys = keys();
        assertThat(keys.get(next).status()).isEqualTo("next");
        assertThat(keys.get(signing).status()).isEqualTo("current");
    }

    @Test
    void aKeyReplacedBeforeItSignedNeverSigns() {
        String superseded = rotate(60, 60);
        String current = rotate(0, 60);

        Map<String, Key> keys = keys();
        assertThat(keys.get(current).status()).isEqualTo("current");
        // a key that never signed is dropped by the newer rotation: it can neither sign nor be published later
        assertThat(keys).doesNotContainKey(superseded);
    }

    @Test
    void aLoginStartedBeforeTheStateKeyRotatesFinishesAfterIt() throws ParseException {
        Browser browser = new Browser();
        Browser.Form launch = platform.authenticate(browser, teacher);
        String stateKid = JWSObject.parse(launch.fields().get("state")).getHeader().getKeyID();

        rotate(0, 60);

        assertThat(keys().values()).filteredOn(k -> k.purpose().equals("state") && k.status().equals("current"))
                .extracting(Key::kid).doesNotContain(stateKid).isNotEmpty();
        HttpResponse<String> home = browser.submit(launch);
        assertThat(home.statusCode()).as(home.body()).isEqualTo(200);
        assertThat(Html.sessionToken(home.body())).isNotNull();
    }

    @Test
    void serviceCallsRightAfterTheSwitchUseTheNewKey() {
        Section first = Section.named("Rotation roster 1");
        Section second = Section.named("Rotation roster 2");
        Person firstTeacher = Person.of("Annie Easley", first, INSTRUCTOR);
        Person secondTeacher = Person.of("Christine Darden", second, INSTRUCTOR);
        platform.services().roster(first, firstTeacher, Person.of("Sam Student", first, LEARNER));
        platform.services().roster(second, secondTeacher, Person.of("Kim Student", second, LEARNER));
        assertThat(Html.testId(refreshRoster(firstTeacher), "roster-students")).isEqualTo("1");
        int grants = platform.services().tokensIssued();

        String newKid = rotate(0, 60);
        HttpResponse<String> panel = new Browser().post(Deployments.toolBase() + "/app/roster/refresh", "X-Tandem-Session", session(secondTeacher));

        assertThat(Html.testId(panel.body(), "roster-problem")).isNull();
        assertThat(Html.testId(panel.body(), "roster-students")).isEqualTo("1");
        assertThat(platform.services().tokensIssued()).as("the cached token was dropped with the old key").isEqualTo(grants + 1);
        assertThat(platform.services().grants().get(grants).assertionKid()).isEqualTo(newKid);
        assertThat(platform.services().refusedAssertions()).isEmpty();
    }

    @Test
    void rotationRefusesNegativeOrFractionalMinutesAndNeedsTheAdminToken() {
        assertThat(admin.send("POST", "/keys/rotate", Map.of("publishLeadMinutes", -1)).statusCode()).isEqualTo(400);
        assertThat(admin.send("POST", "/keys/rotate", Map.of("overlapMinutes", 1.5)).statusCode()).isEqualTo(400);
        assertThat(new AdminClient(null).send("POST", "/keys/rotate", Map.of()).statusCode()).isEqualTo(401);
        assertThat(new AdminClient(null).send("GET", "/keys", (String) null).statusCode()).isEqualTo(401);
    }

    // ---- helpers

    /** Rotates through the admin API; returns the new signing key's kid. */
    private String rotate(int publishLeadMinutes, int overlapMinutes) {
        HttpResponse<String> r = admin.send("POST", "/keys/rotate", Map.of("publishLeadMinutes", publishLeadMinutes, "overlapMinutes", overlapMinutes));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return (String) AdminClient.json(r).get("newKid");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Key> keys() {
        Map<String, Key> keys = new HashMap<>();
        for (Object o : AdminClient.jsonList(admin.send("GET", "/keys", (String) null))) {
            Map<String, Object> k = (Map<String, Object>) o;
            keys.put((String) k.get("kid"), new Key((String) k.get("kid"), (String) k.get("purpose"), (String) k.get("status"),
                    Instant.parse((String) k.get("activateAt")), k.get("retireAt") == null ? null : Instant.parse((String) k.get("retireAt"))));
        }
        return keys;
    }

    private static List<String> jwksKids() {
        return ToolJwks.fetch().getKeys().stream().map(JWK::getKeyID).toList();
    }

    /** The kid of a deep-linking response Tandem signs now, as the platform received and verified it. */
    private String deepLinkingResponseKid() {
        Browser browser = new Browser();
        HttpResponse<String> picker = platform.launch(browser, teacher, TestPlatform.deepLinkingRequest(platform.deepLinkingSettings()));
        HttpResponse<String> atTheLms = browser.submit(Browser.form(browser.submit(Browser.form(picker))));
        assertThat(atTheLms.statusCode()).as(atTheLms.body()).isEqualTo(200);
        List<DeepLinkReturn> returns = platform.deepLinkReturns();
        return returns.get(returns.size() - 1).kid();
    }

    private static String session(Person person) {
        return Html.sessionToken(platform.launch(new Browser(), person).body());
    }

    private static String refreshRoster(Person teacher) {
        return new Browser().post(Deployments.toolBase() + "/app/roster/refresh", "X-Tandem-Session", session(teacher)).body();
    }
}
