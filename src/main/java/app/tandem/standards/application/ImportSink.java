package app.tandem.standards.application;

import app.tandem.standards.domain.AssociationRecord;
import app.tandem.standards.domain.DocumentRecord;
import app.tandem.standards.domain.ItemRecord;

/**
 * Receives a framework as a parser reads it, one record at a time (never the whole file): the document first,
 * then items and associations in file order. {@code where} names the record for the report (an identifier, or
 * a CSV row and column).
 */
public interface ImportSink {
    void document(DocumentRecord document);

    void item(ItemRecord item, String where);

    void association(AssociationRecord association, String where);

    /** A licence from the package's definitions (CFLicenses). */
    default void licence(String identifier, String title, String uri, String text) {
    }

    /** The parser has delivered every item: associations after this can be checked at once. */
    default void itemsComplete() {
    }
}
