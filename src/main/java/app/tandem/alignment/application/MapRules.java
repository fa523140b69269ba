package app.tandem.alignment.application;

import app.tandem.common.InvalidRequestException;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The rules of course-map input, without a database: field limits (the V7 column sizes), item kinds and resource
 * types, URLs (http and https only: no javascript: links), LTI link JSON, reordering, and the conflict message
 * that names what differs. Every violation is a 4xx naming the field, never a 500.
 */
public final class MapRules {
    public static final int UNIT_TITLE = 300;
    public static final int UNIT_DESCRIPTION = 4000;
    public static final int ITEM_TITLE = 500;
    public static final int URL = 2000;
    public static final int ITEM_DESCRIPTION = 8000;
    public static final int LTI_LINK = 8000;

    /** Item kinds: a resource, an LTI link placed through Deep Linking, a teacher-only note. */
    public enum Kind { RESOURCE, LTI_LINK, NOTE }

    public static final List<String> RESOURCE_TYPES = List.of("lesson", "activity", "assessment", "reading", "video", "other");

    /** A unit's editable fields, checked and trimmed. */
    public record UnitInput(String title, String description) {
    }

    /** An item's editable fields, checked and trimmed; {@code resourceType} is null for notes. */
    public record ItemInput(Kind kind, String title, String url, String resourceType, String description, String ltiLink,
                            boolean studentVisible) {
    }

    /** Key of the sentence for a missing required field, kept apart from the field errors until {@link #fail}. */
    private static final String MESSAGE = "\u0000message";

    private MapRules() {
    }

    public static UnitInput unit(String title, String description) {
        Map<String, String> errors = new LinkedHashMap<>();
        String t = required(errors, "title", title, UNIT_TITLE, "Give the unit a title.");
        String d = optional(errors, "description", description, UNIT_DESCRIPTION);
        fail(errors);
        return new UnitInput(t, d);
    }

    /**
     * Checks an item. Resources need a title and may have an http(s) URL and a type (default "other"); LTI links need
     * the content item JSON (an object with an http(s) {@code url}; its title is used when none is given); notes need
     * a title (the note's text goes in the description) and never have a URL.
     */
    public static ItemInput item(String kind, String title, String url, String resourceType, String description, String ltiLink,
                                 Boolean studentVisible) {
        Map<String, String> errors = new LinkedHashMap<>();
        Kind k = kind(errors, kind);
        String link = null;
        String linkTitle = null;
        String linkUrl = null;
        if (k == Kind.LTI_LINK) {
            if (ltiLink == null || ltiLink.isBlank()) {
                errors.put("ltiLink", "required for an LTI link");
            } else if (ltiLink.length() > LTI_LINK) {
                errors.put("ltiLink", "at most " + LTI_LINK + " characters");
            } else {
                JsonObject o = ltiLinkObject(errors, ltiLink);
                if (o != null) {
                    link = o.toString();
                    linkTitle = string(o, "title");
                    linkUrl = string(o, "url");
                }
            }
        }
        String t = title == null || title.isBlank() ? linkTitle : title;
        t = required(errors, "title", t, ITEM_TITLE, k == Kind.NOTE ? "Give the note a title." : "Give the item a title.");
        String u = null;
        if (k == Kind.NOTE) {
            if (url != null && !url.isBlank()) {
                errors.put("url", "a note has no URL");
            }
        } else {
            String given = url == null || url.isBlank() ? linkUrl : url;
            u = httpUrl(errors, "url", given);
        }
        String type = null;
        if (k != Kind.NOTE) {
            type = resourceType == null || resourceType.isBlank() ? "other" : resourceType.strip().toLowerCase(Locale.ROOT);
            if (!RESOURCE_TYPES.contains(type)) {
                errors.put("resourceType", "one of " + String.join(", ", RESOURCE_TYPES));
            }
        }
        String d = optional(errors, "description", description, ITEM_DESCRIPTION);
        fail(errors);
        return new ItemInput(k, t, u, type, d, link, studentVisible == null || studentVisible);
    }

    private static Kind kind(Map<String, String> errors, String kind) {
        if (kind == null || kind.isBlank()) {
            return Kind.RESOURCE;
        }
        try {
            return Kind.valueOf(kind.strip().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_'));
        } catch (IllegalArgumentException e) {
            errors.put("kind", "RESOURCE, LTI_LINK or NOTE");
            return Kind.RESOURCE;
        }
    }

    private static JsonObject ltiLinkObject(Map<String, String> errors, String json) {
        try (JsonReader r = Json.createReader(new StringReader(json))) {
            JsonValue v = r.readValue();
            if (v.getValueType() != JsonValue.ValueType.OBJECT) {
                errors.put("ltiLink", "must be a JSON object (the deep-linking content item)");
                return null;
            }
            JsonObject o = v.asJsonObject();
            String type = string(o, "type");
            if (type != null && !type.equals("ltiResourceLink")) {
                errors.put("ltiLink", "type must be ltiResourceLink");
                return null;
            }
            String url = string(o, "url");
            if (url == null) {
                errors.put("ltiLink", "needs the launch url");
                return null;
            }
            Map<String, String> urlErrors = new LinkedHashMap<>();
            httpUrl(urlErrors, "ltiLink", url);
            errors.putAll(urlErrors);
            return urlErrors.isEmpty() ? o : null;
        } catch (JsonException | IllegalStateException | java.util.NoSuchElementException e) {
            errors.put("ltiLink", "is not valid JSON");
            return null;
        }
    }

    private static String string(JsonObject o, String field) {
        JsonValue v = o.get(field);
        return v != null && v.getValueType() == JsonValue.ValueType.STRING ? o.getString(field) : null;
    }

    /** An absolute http or https URL (trimmed), null when blank; anything else is a field error. */
    static String httpUrl(Map<String, String> errors, String field, String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        String u = url.strip();
        if (u.length() > URL) {
            errors.put(field, "at most " + URL + " characters");
            return null;
        }
        try {
            URI uri = new URI(u);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getHost().isBlank()) {
                errors.put(field, "must be a web address starting with https:// or http://");
                return null;
            }
        } catch (URISyntaxException e) {
            errors.put(field, "is not a valid web address");
            return null;
        }
        return u;
    }

    private static String required(Map<String, String> errors, String field, String value, int max, String missing) {
        if (value == null || value.isBlank()) {
            errors.put(field, "required");
            errors.putIfAbsent(MESSAGE, missing);
            return null;
        }
        return optional(errors, field, value, max);
    }

    private static String optional(Map<String, String> errors, String field, String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (v.length() > max) {
            errors.put(field, "at most " + max + " characters (this one has " + v.length() + ")");
            return null;
        }
        return v;
    }

    private static void fail(Map<String, String> errors) {
        String message = errors.remove(MESSAGE);
        if (errors.isEmpty()) {
            return;
        }
        if (message == null) {
            Map.Entry<String, String> first = errors.entrySet().iterator().next();
            message = "Check the " + label(first.getKey()) + ": " + first.getValue() + "."
                    + (errors.size() > 1 ? " (" + (errors.size() - 1) + " more problem" + (errors.size() > 2 ? "s" : "") + " below.)" : "");
        }
        throw new InvalidRequestException(message, errors);
    }

    static String label(String field) {
        return switch (field) {
            case "url" -> "web address (URL)";
            case "resourceType" -> "type";
            case "ltiLink" -> "LTI link";
            default -> field;
        };
    }

    // ---- order

    /** The order after moving {@code id} by {@code delta} places (clamped at both ends). */
    public static List<String> moved(List<String> order, String id, int delta) {
        List<String> result = new ArrayList<>(order);
        int from = result.indexOf(id);
        if (from < 0) {
            throw new IllegalArgumentException(id + " not in " + order);
        }
        int to = Math.max(0, Math.min(result.size() - 1, from + delta));
        result.remove(from);
        result.add(to, id);
        return result;
    }

    /**
     * A requested order must hold exactly the current ids (and, for items, may add ids moved in from another unit of
     * the section: {@code movable}); otherwise someone changed the list meanwhile: 409.
     */
    public static void requireSameSet(List<String> current, List<String> requested, Set<String> movable, String what) {
        Set<String> seen = new HashSet<>();
        for (String id : requested) {
            if (!seen.add(id)) {
                throw new InvalidRequestException("The new order names the same " + what + " twice.", Map.of("order", "duplicate " + id));
            }
        }
        Set<String> expected = new HashSet<>(current);
        Set<String> extra = new HashSet<>(seen);
        extra.removeAll(expected);
        extra.removeAll(movable);
        if (!seen.containsAll(expected) || !extra.isEmpty()) {
            throw new InvalidRequestException(409, "The " + what + "s changed since you loaded the page (someone added, moved or deleted one). "
                    + "Nothing was reordered; reload and try again.", Map.of("order", "stale"));
        }
    }

    // ---- conflicts

    /**
     * The optimistic-locking refusal: what the stored record now says where it differs from the submitted values
     * (field → current value), so the person sees what the other edit changed before making theirs again.
     */
    public static InvalidRequestException conflict(String what, String name, long expected, long current,
                                                   Map<String, Object> stored, Map<String, Object> submitted) {
        Map<String, String> fields = new LinkedHashMap<>();
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, Object> e : stored.entrySet()) {
            if (!submitted.containsKey(e.getKey())) {
                continue;
            }
            Object now = e.getValue();
            if (!Objects.equals(blankToNull(now), blankToNull(submitted.get(e.getKey())))) {
                String shown = now == null || now.toString().isBlank() ? "empty" : "“" + AlignmentType.cut(now.toString()) + "”";
                fields.put(e.getKey(), "now " + shown);
                parts.add(label(e.getKey()) + " (now " + shown + ")");
            }
        }
        fields.put("version", "stale: you edited version " + expected + ", the " + what + " is at version " + current);
        String detail = parts.isEmpty() ? "" : " It now differs from your edit in: " + String.join(", ", parts) + ".";
        return new InvalidRequestException(409, "Someone else changed the " + what + " “" + AlignmentType.cut(name)
                + "” since you opened it (version " + expected + " → " + current + ")." + detail
                + " Your change was not saved: reload to see the current " + what + ", then make your change again.", fields);
    }

    private static Object blankToNull(Object o) {
        return o instanceof String s && s.isBlank() ? null : o;
    }
}
