package app.tandem.demo;

import app.tandem.common.Tokens;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The demo LMS's side of LTI Dynamic Registration: registration tokens it hands to Tandem (single use, one hour)
 * and the clients Tandem registered (a new client_id and deployment_id each time). Kept in memory: after a restart
 * the demo forgets them, while Tandem keeps its registrations.
 */
@ApplicationScoped
public class DemoRegistrations {
    static final Duration TOKEN_LIFETIME = Duration.ofHours(1);

    /** A Tandem registration made through dynamic registration, in the given style (canvas or moodle). */
    public record Client(String clientId, String deploymentId, String style, Instant registeredAt, List<String> messages) {
    }

    private final Map<String, Instant> tokens = new ConcurrentHashMap<>();
    private final Map<String, Client> clients = new ConcurrentHashMap<>();

    String newRegistrationToken(Instant now) {
        tokens.entrySet().removeIf(e -> now.isAfter(e.getValue()));
        String token = "demo-reg-" + Tokens.random(24);
        tokens.put(token, now.plus(TOKEN_LIFETIME));
        return token;
    }

    /** True once per issued, unexpired token. */
    boolean consumeRegistrationToken(String token, Instant now) {
        if (token == null) {
            return false;
        }
        Instant expiry = tokens.remove(token);
        return expiry != null && !now.isAfter(expiry);
    }

    Client register(String style, List<String> messages, Instant now) {
        String suffix = Tokens.random(6).replace('_', 'x').replace('-', 'y');
        Client c = new Client("demo-dr-" + suffix, "demo-dr-deployment-" + suffix, style, now, List.copyOf(messages));
        clients.put(c.clientId(), c);
        return c;
    }

    Optional<Client> client(String clientId) {
        return clientId == null ? Optional.empty() : Optional.ofNullable(clients.get(clientId));
    }

    List<Client> clients() {
        List<Client> all = new ArrayList<>(clients.values());
        all.sort((a, b) -> b.registeredAt().compareTo(a.registeredAt()));
        return all;
    }

    /** The deployment_id the demo sends for a client: the original demo client's, or a registered one's; null if unknown. */
    String deploymentFor(String clientId) {
        if (DemoData.CLIENT_ID.equals(clientId)) {
            return DemoData.DEPLOYMENT_ID;
        }
        return client(clientId).map(Client::deploymentId).orElse(null);
    }
}
