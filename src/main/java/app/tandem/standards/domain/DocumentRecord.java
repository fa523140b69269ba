package app.tandem.standards.domain;

import java.util.List;

/** A framework's description as imported (CASE CFDocument fields; CSV imports fill what they can). */
public record DocumentRecord(
        String identifier,
        String uri,
        String title,
        String creator,
        String publisher,
        String description,
        List<String> subjects,
        String language,
        String version,
        String adoptionStatus,
        String officialSourceUrl,
        String notes,
        String lastChange,
        String licenceIdentifier,
        String licenceTitle,
        String licenceUri) {
}
