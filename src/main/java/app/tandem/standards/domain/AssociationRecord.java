package app.tandem.standards.domain;

/**
 * A CASE CFAssociation: {@code origin associationType destination}, e.g. item isChildOf parent, or item exactMatchOf
 * an item of another framework. Ends are identifiers (plus URI and title as the package gave them).
 */
public record AssociationRecord(
        String identifier,
        String uri,
        String type,
        String originIdentifier,
        String originUri,
        String originTitle,
        String destIdentifier,
        String destUri,
        String destTitle,
        Integer sequenceNumber,
        String groupingIdentifier,
        String lastChange) {

    public static final String IS_CHILD_OF = "isChildOf";

    public boolean isChildOf() {
        return IS_CHILD_OF.equals(type);
    }

    public long contentHash() {
        long h = 0xcbf29ce484222325L;
        h = Hashing.mix(h, type);
        h = Hashing.mix(h, originIdentifier);
        h = Hashing.mix(h, originUri);
        h = Hashing.mix(h, originTitle);
        h = Hashing.mix(h, destIdentifier);
        h = Hashing.mix(h, destUri);
        h = Hashing.mix(h, destTitle);
        h = Hashing.mix(h, sequenceNumber == null ? null : sequenceNumber.toString());
        h = Hashing.mix(h, groupingIdentifier);
        return h;
    }
}
