package app.tandem.web;

import app.tandem.common.InvalidRequestException;
import app.tandem.common.Templates;
import app.tandem.lti.api.AppRole;
import app.tandem.lti.api.DeepLinks;
import app.tandem.lti.api.LaunchContext;
import app.tandem.lti.api.LaunchSessions;
import app.tandem.lti.api.PlaceableContent;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The deep-linking picker's submit: a plain form POST (the response must navigate the frame to the LMS), which
 * proves its session with the token in a hidden field — a secret the attacker's page cannot know, so it is also
 * the CSRF token.
 */
@Path("app/deep-link")
@RequestScoped
public class DeepLinkResource {
    @Inject
    LaunchSessions sessions;

    @Inject
    DeepLinks deepLinks;

    @Inject
    Instance<PlaceableContent> catalog;

    @Inject
    HttpServletRequest request;

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response place(@FormParam("session") String token, @FormParam("item") List<String> chosen) {
        LaunchContext launch = sessions.resolve(token).orElseThrow(SessionRequiredException::new);
        if (!launch.is(AppRole.TEACHER) && !launch.is(AppRole.COORDINATOR)) {
            throw new InvalidRequestException(403, "Only teachers can add Tandem content to a course.", Map.of());
        }
        List<DeepLinks.ContentItem> items = new ArrayList<>();
        for (PlaceableContent.Option option : options(launch)) {
            if (chosen != null && chosen.contains(option.id())) {
                items.add(new DeepLinks.ContentItem(option.title(), option.text(), option.custom(), null));
            }
        }
        if (chosen != null && items.size() < chosen.size()) {
            throw new InvalidRequestException("Some of the chosen items are not available here.", Map.of("item", "unknown item"));
        }
        DeepLinks.Response response = deepLinks.respond(launch, items);
        Map<String, Object> model = new HashMap<>();
        model.put("ctx", request.getContextPath());
        model.put("action", response.returnUrl());
        model.put("jwt", response.jwt());
        URI target = URI.create(response.returnUrl());
        return Response.ok(Templates.render("home/deep-link-return.jte", model), Pages.HTML)
                .header("Cache-Control", "no-store")
                .header(SecurityHeaders.CSP, SecurityHeaders.policy(launch.frameOrigins())
                        .replace("form-action 'self'", "form-action " + target.getScheme() + "://" + target.getRawAuthority()))
                .build();
    }

    /** Options under a heading in the picker; the ungrouped ones (title null) come first. */
    public record Group(String title, List<PlaceableContent.Option> options) {
    }

    /** The options by their group, groups in the order they first appear, the ungrouped group first. */
    static List<Group> grouped(List<PlaceableContent.Option> options) {
        Map<String, List<PlaceableContent.Option>> byGroup = new LinkedHashMap<>();
        byGroup.put("", new ArrayList<>());
        options.forEach(o -> byGroup.computeIfAbsent(o.group() == null ? "" : o.group(), g -> new ArrayList<>()).add(o));
        List<Group> groups = new ArrayList<>();
        byGroup.forEach((title, list) -> {
            if (!list.isEmpty()) {
                groups.add(new Group(title.isEmpty() ? null : title, List.copyOf(list)));
            }
        });
        return groups;
    }

    List<PlaceableContent.Option> options(LaunchContext launch) {
        List<PlaceableContent.Option> all = new ArrayList<>();
        catalog.forEach(c -> all.addAll(c.options(launch)));
        return all;
    }
}
