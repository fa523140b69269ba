package app.tandem.lti.application;

import app.tandem.common.HttpClients;
import app.tandem.common.Settings;
import app.tandem.lti.api.PlatformRegistrations;
import app.tandem.lti.api.RegistrationDoctor;
import app.tandem.lti.api.RegistrationDoctor.Status;
import app.tandem.lti.domain.PlatformRegistrationEntity;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The registration doctor: reaches the platform's endpoints, inspects its JWKS, fetches Tandem's own JWKS at
 * the configured public URL, checks deployments and the launch URL, and reads this server's recent launches of
 * the registration (clock skew, how browsers were bound, refusals by reason).
 */
@ApplicationScoped
public class Doctor implements RegistrationDoctor {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Duration SKEW_WARN = Duration.ofSeconds(30);

    @Inject
    RegistrationService registrations;

    @Inject
    LaunchEvents events;

    @Inject
    ToolKeys toolKeys;

    @Inject
    ToolConfiguration tool;

    @Inject
    Settings settings;

    private final HttpClient http = HttpClients.build(HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NORMAL));

    @Override
    public List<PlatformRegistrations.Registration> registrationsOf(String districtId) {
        return registrations.list().stream()
                .filter(r -> r.deployments().stream().anyMatch(d -> d.districtId().equals(districtId))).toList();
    }

    @Override
    public Optional<Report> examine(String registrationId) {
        PlatformRegistrationEntity reg = registrations.entity(registrationId);
        if (reg == null) {
            return Optional.empty();
        }
        PlatformRegistrations.Registration view = registrations.get(registrationId).orElseThrow();
        List<Check> checks = new ArrayList<>();
        checks.add(reachable("Platform sign-in (OIDC auth) endpoint", reg.authEndpoint,
                "Check the auth endpoint URL in the registration and that this server can reach the LMS (DNS, firewall, proxy)."));
        checks.add(platformJwks(reg));
        checks.add(reg.tokenEndpoint == null
                ? new Check("Platform token endpoint", Status.WARN, "No token endpoint is registered: rosters (NRPS) and grades (AGS) cannot be used.",
                "Add the LMS's OAuth2 token endpoint to the registration.")
                : reachable("Platform token endpoint", reg.tokenEndpoint, "Check the token endpoint URL and that this server can reach it."));
        checks.add(ownJwks());
        checks.add(launchUrl());
        checks.add(view.deployments().isEmpty()
                ? new Check("Deployments", Status.FAIL, "No deployment is registered, so every launch is refused.",
                "Add the deployment ID shown by the LMS (Canvas: the developer key's deployment; Moodle: the tool's deployment ID) and map it to a district.")
                : new Check("Deployments", Status.OK, view.deployments().size() + " deployment(s) registered.", null));
        List<LaunchEvents.Event> recent = events.recent(registrationId);
        checks.add(clock(recent));
        checks.add(binding(recent));
        checks.add(failures(recent));
        return Optional.of(new Report(reg.id, reg.name, reg.issuer, checks));
    }

    private Check reachable(String name, String url, String fix) {
        try {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                    .header("User-Agent", ServiceConnector.USER_AGENT).GET().build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() >= 500
                    ? new Check(name, Status.WARN, "Reached " + host(url) + ", but it answered HTTP " + r.statusCode() + ".", "The LMS may be having trouble; try again later. " + fix)
                    : new Check(name, Status.OK, "Reached " + host(url) + " (HTTP " + r.statusCode() + ").", null);
        } catch (HttpTimeoutException e) {
            return new Check(name, Status.FAIL, host(url) + " did not answer within 5 seconds.", fix);
        } catch (IOException | IllegalArgumentException e) {
            return new Check(name, Status.FAIL, "Tandem could not reach " + host(url) + ".", fix);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Check(name, Status.FAIL, "Interrupted.", fix);
        }
    }

    private Check platformJwks(PlatformRegistrationEntity reg) {
        String name = "Platform public keys (JWKS)";
        String fix = "Check the registration's JWKS URL (Canvas: https://sso.canvaslms.com/api/lti/security/jwks; Moodle: <site>/mod/lti/certs.php).";
        String body;
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(reg.jwksUrl)).timeout(TIMEOUT)
                    .header("User-Agent", ServiceConnector.USER_AGENT).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                return new Check(name, Status.FAIL, "The JWKS URL answered HTTP " + r.statusCode() + ".", fix);
            }
            body = r.body();
        } catch (IOException | IllegalArgumentException e) {
            return new Check(name, Status.FAIL, "Tandem could not fetch the JWKS from " + host(reg.jwksUrl) + ".", fix);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Check(name, Status.FAIL, "Interrupted.", fix);
        }
        JWKSet set;
        try {
            set = JWKSet.parse(body);
        } catch (ParseException e) {
            return new Check(name, Status.FAIL, "The JWKS URL does not serve a JSON Web Key Set.", fix);
        }
        if (set.getKeys().stream().anyMatch(JWK::isPrivate)) {
            return new Check(name, Status.FAIL, "The platform's JWKS publishes PRIVATE key material.",
                    "Tell the LMS administrator at once: the platform's signing key is exposed and must be replaced.");
        }
        List<JWK> signing = set.getKeys().stream().filter(k -> k.getKeyUse() == null || KeyUse.SIGNATURE.equals(k.getKeyUse())).toList();
        if (signing.isEmpty()) {
            return new Check(name, Status.FAIL, "The JWKS has no signing key.", fix);
        }
        List<String> gaps = new ArrayList<>();
        if (signing.stream().anyMatch(k -> k.getKeyID() == null)) gaps.add("some keys have no kid");
        if (signing.stream().anyMatch(k -> k.getAlgorithm() == null)) gaps.add("some keys have no alg");
        if (signing.stream().anyMatch(k -> k.getKeyUse() == null)) gaps.add("some keys have no use");
        return gaps.isEmpty()
                ? new Check(name, Status.OK, signing.size() + " signing key(s), each with kid, alg and use=sig.", null)
                : new Check(name, Status.WARN, signing.size() + " signing key(s), but " + String.join(", ", gaps) + ".",
                "Tandem still works (it tries every matching key), but platforms should publish kid, alg and use for each key.");
    }

    private Check ownJwks() {
        String name = "Tandem's public keys at its configured URL";
        String url = tool.jwksUrl();
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString());
            String kid = toolKeys.signingKey().getKeyID();
            if (r.statusCode() == 200 && r.body().contains(kid)) {
                return new Check(name, Status.OK, url + " serves Tandem's current key " + kid + ".", null);
            }
            return new Check(name, Status.FAIL, url + " answered, but not with Tandem's current keys (HTTP " + r.statusCode() + ").",
                    "TANDEM_BASE_URL must be the address the LMS uses to reach this Tandem; check it and the proxy in front of Tandem.");
        } catch (IOException | IllegalArgumentException e) {
            return new Check(name, Status.FAIL, "This server cannot reach its own public URL " + url + ".",
                    "Check TANDEM_BASE_URL, DNS and the proxy: the LMS fetches Tandem's keys from this URL.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Check(name, Status.FAIL, "Interrupted.", null);
        }
    }

    private Check launchUrl() {
        String url = tool.launchUrl();
        URI uri = URI.create(url);
        boolean secure = "https".equalsIgnoreCase(uri.getScheme()) || Origins.isLoopback(uri.getHost());
        return secure
                ? new Check("Redirect (launch) URL", Status.OK, "The LMS must list exactly " + url + " as redirect URI, and "
                        + tool.loginUrl() + " as login initiation URL.", null)
                : new Check("Redirect (launch) URL", Status.FAIL, url + " is not https; LMSs refuse it and browsers drop Tandem's cookies.",
                        "Serve Tandem over https and set TANDEM_BASE_URL to the https address.");
    }

    private Check clock(List<LaunchEvents.Event> recent) {
        List<Duration> skews = recent.stream().filter(LaunchEvents.Event::accepted).map(LaunchEvents.Event::skew).toList();
        long expiredOrFuture = recent.stream().filter(e -> e.reason() == Rejection.EXPIRED || e.reason() == Rejection.ISSUED_IN_FUTURE
                || e.reason() == Rejection.NOT_YET_VALID).count();
        if (skews.isEmpty() && expiredOrFuture == 0) {
            return new Check("Clock difference", Status.OK, "No launches seen on this server yet.", null);
        }
        Duration worst = skews.stream().map(Duration::abs).max(Duration::compareTo).orElse(Duration.ZERO);
        if (expiredOrFuture > 0) {
            return new Check("Clock difference", Status.FAIL, expiredOrFuture + " recent launch(es) refused for token times; largest accepted difference " + worst.toSeconds() + " s.",
                    "Synchronise the clocks of the LMS and Tandem servers (NTP). Tandem allows 60 seconds.");
        }
        return worst.compareTo(SKEW_WARN) > 0
                ? new Check("Clock difference", Status.WARN, "Tokens arrive up to " + worst.toSeconds() + " s after they were issued.",
                "Check the servers' clocks (NTP); beyond 60 seconds launches are refused.")
                : new Check("Clock difference", Status.OK, "Largest difference on " + skews.size() + " recent launch(es): " + worst.toSeconds() + " s.", null);
    }

    private Check binding(List<LaunchEvents.Event> recent) {
        long cookie = recent.stream().filter(e -> e.binding() == LaunchEvents.Binding.COOKIE).count();
        long storage = recent.stream().filter(e -> e.binding() == LaunchEvents.Binding.PLATFORM_STORAGE).count();
        long blocked = recent.stream().filter(e -> e.reason() == Rejection.STATE_NOT_IN_BROWSER).count();
        String seen = cookie + " launch(es) kept by cookie, " + storage + " by LMS platform storage, " + blocked + " refused for blocked cookies.";
        if (blocked > 0 && storage == 0) {
            return new Check("Cookies and platform storage", Status.WARN, seen,
                    "Browsers block Tandem's cookie and the LMS does not offer platform storage (lti_storage_target). Canvas offers it; in Moodle, add Tandem to the course page as 'open in a new window'.");
        }
        return new Check("Cookies and platform storage", Status.OK, seen, null);
    }

    private Check failures(List<LaunchEvents.Event> recent) {
        Map<Rejection, Long> byReason = recent.stream().filter(e -> !e.accepted())
                .collect(Collectors.groupingBy(LaunchEvents.Event::reason, TreeMap::new, Collectors.counting()));
        if (byReason.isEmpty()) {
            return new Check("Recent refusals", Status.OK, "No refused launches among the last " + recent.size() + " on this server.", null);
        }
        String finding = byReason.entrySet().stream().map(e -> e.getValue() + "× " + e.getKey().code() + " (" + e.getKey().message() + ")")
                .collect(Collectors.joining("; "));
        String fix = byReason.keySet().stream().map(Rejection::adminHint).distinct().collect(Collectors.joining(" "));
        return new Check("Recent refusals", Status.WARN, finding, fix);
    }

    private static String host(String url) {
        try {
            return URI.create(url).getHost();
        } catch (IllegalArgumentException e) {
            return url;
        }
    }
}
