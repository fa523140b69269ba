package app.tandem.standards.domain;

import java.util.List;

/** A standard (CASE CFItem), normalised: education levels as CEDS codes (KG, 01..12), keywords as a list. */
public record ItemRecord(
        String identifier,
        String uri,
        String fullStatement,
        String abbreviatedStatement,
        String alternativeLabel,
        String humanCodingScheme,
        String listEnumeration,
        String itemType,
        List<String> educationLevels,
        List<String> conceptKeywords,
        String notes,
        String language,
        String licenseUri,
        String lastChange) {

    /** A 64-bit fingerprint of the content: a re-import rewrites an item only when this changes. */
    public long contentHash() {
        long h = 0xcbf29ce484222325L;
        h = Hashing.mix(h, fullStatement);
        h = Hashing.mix(h, abbreviatedStatement);
        h = Hashing.mix(h, alternativeLabel);
        h = Hashing.mix(h, humanCodingScheme);
        h = Hashing.mix(h, listEnumeration);
        h = Hashing.mix(h, itemType);
        h = Hashing.mix(h, String.join(",", educationLevels));
        h = Hashing.mix(h, String.join("|", conceptKeywords));
        h = Hashing.mix(h, notes);
        h = Hashing.mix(h, language);
        h = Hashing.mix(h, uri);
        h = Hashing.mix(h, licenseUri);
        return h;
    }
}
