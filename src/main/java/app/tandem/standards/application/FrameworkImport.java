package app.tandem.standards.application;

import app.tandem.common.Tokens;
import app.tandem.standards.domain.AssociationRecord;
import app.tandem.standards.domain.DocumentRecord;
import app.tandem.standards.domain.Hashing;
import app.tandem.standards.domain.ImportReport;
import app.tandem.standards.domain.ItemRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.UUID;

/**
 * Writes one framework file into the database as the parser streams it, and validates it on the way: duplicate
 * identifiers, isChildOf ends that are neither an item of the file nor its document, isChildOf cycles. Everything
 * happens on one connection in one transaction: {@link #finish()} commits only a file without errors, otherwise
 * rolls back, so a bad file never changes anything.
 *
 * <p>A re-import of a framework (same district, same CFDocument identifier) updates items by identifier (their row
 * ids are name-based UUIDs of framework id + identifier), keeps the replaced state in {@code std_item_history},
 * records a new version and marks items that vanished from the file as retired (never deleted, so alignments to
 * them survive). Unchanged items are not rewritten. Rows go in JDBC batches.
 *
 * <p>Memory: identifiers are held as 128-bit keys ({@link KeyIndex}) and the hierarchy as int arrays, so a
 * million-item file needs well under 256 MB of heap.
 */
public final class FrameworkImport implements ImportSink {
    private static final int BATCH = 1000;

    /** Who imports what, for the framework and version rows. */
    public record Target(String districtId, String personId, String jobId, String sourceName, String sourceFormat, String caseVersion) {
    }

    /** Called every thousand items (and at the end of a phase). */
    public interface Progress {
        void update(String phase, int items, ImportReport report);
    }

    /** What the import did: committed or not, and the counts of the new version. */
    public record Outcome(boolean committed, String frameworkId, String title, int versionNo, int items, int associations,
                          int added, int updated, int unchanged, int retired) {
    }

    private final Connection c;
    private final Target target;
    private final ImportReport report;
    private final Progress progress;
    private final OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);

    private DocumentRecord document;
    private long[] documentKey;
    private String frameworkId;
    private boolean newFramework;
    private int versionNo;
    private String caseVersion;

    // items of this file
    private final KeyIndex itemIndex = new KeyIndex(1024);
    private final java.util.Map<Integer, String> nonUuidIdentifiers = new java.util.HashMap<>();
    private int itemCount;
    private boolean itemsComplete;

    // associations of this file
    private final LongIndex associationIndex = new LongIndex(1024);
    private int associationCount;
    private final IntList childEdges = new IntList();
    private final IntList parentEdges = new IntList();
    private final List<AssociationRecord> deferred = new ArrayList<>();

    // what the database held before (re-import)
    private KeyIndex existingItems = new KeyIndex(16);
    private long[] existingItemHash = new long[0];
    private BitSet existingItemRetired = new BitSet();
    private final BitSet seenItems = new BitSet();
    private LongIndex existingAssociations = new LongIndex(16);
    private long[] existingAssociationHash = new long[0];
    private BitSet existingAssociationRetired = new BitSet();
    private final BitSet seenAssociations = new BitSet();

    private int added;
    private int updated;
    private int unchanged;
    private int retired;

    private final List<String[]> licences = new ArrayList<>();
    private boolean write = true;

    private PgCopy copy;
    private RowWriter insertItem;
    private PreparedStatement updateItem;
    private PreparedStatement history;
    private RowWriter insertAssociation;
    private PreparedStatement updateAssociation;
    private int pendingUpdateItem;
    private int pendingHistory;
    private int pendingUpdateAssociation;

    public FrameworkImport(Connection connection, Target target, ImportReport report, Progress progress) {
        this.c = connection;
        this.target = target;
        this.report = report;
        this.progress = progress == null ? (p, i, r) -> { } : progress;
        this.caseVersion = target.caseVersion();
    }

    public void caseVersion(String v) {
        this.caseVersion = v;
    }

    /** Checks the file without touching the database (no connection needed): the report only. */
    public FrameworkImport validateOnly() {
        this.write = false;
        return this;
    }

    // ---- sink ----------------------------------------------------------------------------------------------

    @Override
    public void document(DocumentRecord d) {
        if (document != null) {
            report.warning("second_document", "The file describes more than one framework; only the first was used.", d.identifier());
            return;
        }
        document = d;
        documentKey = Hashing.key(d.identifier());
        if (!write) {
            frameworkId = "validation";
            versionNo = 1;
            newFramework = true;
            return;
        }
        try {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, current_version FROM std_framework WHERE district_id = ? AND identifier = ?")) {
                ps.setString(1, target.districtId());
                ps.setString(2, d.identifier());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        frameworkId = rs.getString(1);
                        versionNo = rs.getInt(2) + 1;
                    }
                }
            }
            if (frameworkId == null) {
                frameworkId = Tokens.newId();
                versionNo = 1;
                newFramework = true;
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO std_framework (id, district_id, identifier, title, "
                        + "source_format, current_version, item_count, created_at, updated_at) VALUES (?,?,?,?,?,0,0,?,?)")) {
                    ps.setString(1, frameworkId);
                    ps.setString(2, target.districtId());
                    ps.setString(3, d.identifier());
                    ps.setString(4, d.title() == null ? d.identifier() : d.title());
                    ps.setString(5, target.sourceFormat());
                    ps.setObject(6, now);
                    ps.setObject(7, now);
                    ps.executeUpdate();
                }
            } else {
                loadExisting();
            }
            prepare();
        } catch (SQLException e) {
            throw new ImportDatabaseException(e);
        }
    }

    @Override
    public void item(ItemRecord item, String where) {
        if (frameworkId == null) {
            return;
        }
        long[] key = Hashing.key(item.identifier());
        if (Arrays.equals(key, documentKey)) {
            report.error("duplicate_identifier", "An item has the identifier of the framework document.", where);
            return;
        }
        int idx = itemCount;
        if (itemIndex.putIfAbsent(key, idx) >= 0) {
            report.error("duplicate_identifier", "Two items have the same identifier.", where);
            return;
        }
        itemCount++;
        if (!Fields.isUuid(item.identifier())) {
            nonUuidIdentifiers.put(idx, item.identifier());
        }
        if (write && !report.hasErrors()) {
            try {
                writeItem(item, key, idx);
            } catch (SQLException e) {
                throw new ImportDatabaseException(e);
            }
        }
        if (itemCount % 1000 == 0) {
            progress.update("items", itemCount, report);
        }
    }

    @Override
    public void itemsComplete() {
        itemsComplete = true;
    }

    @Override
    public void association(AssociationRecord a, String where) {
        if (frameworkId == null) {
            return;
        }
        long key = LongIndex.fingerprint(Hashing.key(a.identifier()));
        int idx = associationCount;
        if (associationIndex.putIfAbsent(key, idx) >= 0) {
            report.error("duplicate_identifier", "Two associations have the same identifier.", where);
            return;
        }
        associationCount++;
        if (itemsComplete) {
            check(a);
        } else {
            deferred.add(a);
        }
        if (write && !report.hasErrors()) {
            try {
                writeAssociation(a, key, idx);
            } catch (SQLException e) {
                throw new ImportDatabaseException(e);
            }
        }
        if (associationCount % 5000 == 0) {
            progress.update("associations", itemCount, report);
        }
    }

    @Override
    public void licence(String identifier, String title, String uri, String text) {
        licences.add(new String[] {identifier, title, uri, text});
    }

    /** isChildOf: origin must be an item here, destination an item here or the document; others are warned about when both ends are elsewhere. */
    private void check(AssociationRecord a) {
        long[] origin = Hashing.key(a.originIdentifier());
        long[] dest = Hashing.key(a.destIdentifier());
        int o = itemIndex.get(origin);
        boolean originIsDocument = Arrays.equals(origin, documentKey);
        boolean destIsDocument = Arrays.equals(dest, documentKey);
        int d = destIsDocument ? -2 : itemIndex.get(dest);
        if (a.isChildOf()) {
            if (o < 0) {
                report.error("dangling_association", "An isChildOf association starts at an item that is not in the file.",
                        a.identifier() + " (origin " + a.originIdentifier() + ")");
                return;
            }
            if (d == -1) {
                report.error("dangling_association", "An isChildOf association points to a parent that is not in the file.",
                        a.identifier() + " (destination " + a.destIdentifier() + ")");
                return;
            }
            if (d >= 0) {
                childEdges.add(o);
                parentEdges.add(d);
            }
        } else if (o < 0 && !originIsDocument && d == -1) {
            report.warning("association_outside_framework", "An association has neither end in this framework; it was kept.",
                    a.identifier());
        }
    }

    // ---- writing -------------------------------------------------------------------------------------------

    private static final String[] ITEM_COLUMNS = {"id", "framework_id", "identifier", "uri", "full_statement",
            "abbreviated_statement", "alternative_label", "human_coding_scheme", "list_enumeration", "item_type", "education_levels",
            "concept_keywords", "notes", "language", "license_uri", "last_change", "file_order", "content_hash", "retired",
            "first_version", "changed_in_version"};
    private static final String[] ASSOCIATION_COLUMNS = {"id", "framework_id", "identifier", "uri", "association_type",
            "origin_identifier", "origin_uri", "origin_title", "dest_identifier", "dest_uri", "dest_title", "sequence_number",
            "grouping_identifier", "last_change", "file_order", "content_hash", "retired"};

    /** New rows go by PostgreSQL COPY when the driver allows it (see {@link PgCopy}), else by multi-row INSERTs. */
    private void prepare() throws SQLException {
        int v = Types.VARCHAR;
        int[] itemTypes = {v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, Types.INTEGER, Types.BIGINT, Types.BOOLEAN, Types.INTEGER, Types.INTEGER};
        int[] associationTypes = {v, v, v, v, v, v, v, v, v, v, v, Types.INTEGER, v, v, Types.INTEGER, Types.BIGINT, Types.BOOLEAN};
        copy = PgCopy.open(c);
        if (copy != null) {
            insertItem = copy.writer("std_item", ITEM_COLUMNS, itemTypes);
            insertAssociation = copy.writer("std_association", ASSOCIATION_COLUMNS, associationTypes);
        } else {
            insertItem = new BulkInsert(c, "std_item", ITEM_COLUMNS, itemTypes, 50);
            insertAssociation = new BulkInsert(c, "std_association", ASSOCIATION_COLUMNS, associationTypes, 50);
        }
        updateItem = c.prepareStatement("UPDATE std_item SET uri = ?, full_statement = ?, abbreviated_statement = ?, alternative_label = ?, "
                + "human_coding_scheme = ?, list_enumeration = ?, item_type = ?, education_levels = ?, concept_keywords = ?, notes = ?, "
                + "language = ?, license_uri = ?, last_change = ?, file_order = ?, content_hash = ?, retired = FALSE, "
                + "retired_in_version = NULL, changed_in_version = ? WHERE id = ?");
        history = c.prepareStatement("INSERT INTO std_item_history (id, item_id, version_no, full_statement, abbreviated_statement, "
                + "human_coding_scheme, list_enumeration, item_type, education_levels, concept_keywords, notes, retired, recorded_at) "
                + "SELECT ?, id, ?, full_statement, abbreviated_statement, human_coding_scheme, list_enumeration, item_type, "
                + "education_levels, concept_keywords, notes, retired, ? FROM std_item WHERE id = ?");
        updateAssociation = c.prepareStatement("UPDATE std_association SET uri = ?, association_type = ?, origin_identifier = ?, "
                + "origin_uri = ?, origin_title = ?, dest_identifier = ?, dest_uri = ?, dest_title = ?, sequence_number = ?, "
                + "grouping_identifier = ?, last_change = ?, file_order = ?, content_hash = ?, retired = FALSE WHERE id = ?");
    }

    private void writeItem(ItemRecord r, long[] key, int order) throws SQLException {
        long hash = r.contentHash();
        String id = Hashing.rowId(frameworkId, r.identifier());
        int e = existingItems.get(key);
        if (e < 0) {
            insertItem.add(id, frameworkId, r.identifier(), r.uri(), r.fullStatement(), r.abbreviatedStatement(), r.alternativeLabel(),
                    r.humanCodingScheme(), r.listEnumeration(), r.itemType(), Fields.joinLimited(r.educationLevels(), ","),
                    Fields.joinLimited(r.conceptKeywords(), "|"), r.notes(), r.language(), r.licenseUri(), r.lastChange(), order, hash,
                    Boolean.FALSE, versionNo, versionNo);
            added++;
            return;
        }
        if (seenItems.get(e)) {
            return; // two identifiers with one key: cannot happen for distinct identifiers short of a 128-bit collision
        }
        seenItems.set(e);
        if (existingItemHash[e] == hash && !existingItemRetired.get(e)) {
            unchanged++;
            return;
        }
        addHistory(id);
        PreparedStatement ps = updateItem;
        ps.setString(1, r.uri());
        ps.setString(2, r.fullStatement());
        ps.setString(3, r.abbreviatedStatement());
        ps.setString(4, r.alternativeLabel());
        ps.setString(5, r.humanCodingScheme());
        ps.setString(6, r.listEnumeration());
        ps.setString(7, r.itemType());
        ps.setString(8, Fields.joinLimited(r.educationLevels(), ","));
        ps.setString(9, Fields.joinLimited(r.conceptKeywords(), "|"));
        ps.setString(10, r.notes());
        ps.setString(11, r.language());
        ps.setString(12, r.licenseUri());
        ps.setString(13, r.lastChange());
        ps.setInt(14, order);
        ps.setLong(15, hash);
        ps.setInt(16, versionNo);
        ps.setString(17, id);
        ps.addBatch();
        updated++;
        if (++pendingUpdateItem >= BATCH) {
            flushUpdates();
        }
    }

    private void addHistory(String itemId) throws SQLException {
        history.setString(1, Tokens.newId());
        history.setInt(2, versionNo);
        history.setObject(3, now);
        history.setString(4, itemId);
        history.addBatch();
        pendingHistory++;
    }

    /** History rows copy the old state, so they always go before the updates that overwrite it. */
    private void flushUpdates() throws SQLException {
        if (pendingHistory > 0 || pendingUpdateItem > 0) {
            endCopy();
        }
        if (pendingHistory > 0) {
            history.executeBatch();
            pendingHistory = 0;
        }
        if (pendingUpdateItem > 0) {
            updateItem.executeBatch();
            pendingUpdateItem = 0;
        }
    }

    private void writeAssociation(AssociationRecord a, long key, int order) throws SQLException {
        long hash = a.contentHash();
        String id = Hashing.rowId(frameworkId, "association\n" + a.identifier());
        int e = existingAssociations.get(key);
        if (e >= 0) {
            if (seenAssociations.get(e)) {
                return;
            }
            seenAssociations.set(e);
            if (existingAssociationHash[e] == hash && !existingAssociationRetired.get(e)) {
                return;
            }
            PreparedStatement ps = updateAssociation;
            ps.setString(1, a.uri());
            ps.setString(2, a.type());
            ps.setString(3, a.originIdentifier());
            ps.setString(4, a.originUri());
            ps.setString(5, a.originTitle());
            ps.setString(6, a.destIdentifier());
            ps.setString(7, a.destUri());
            ps.setString(8, a.destTitle());
            setInteger(ps, 9, a.sequenceNumber());
            ps.setString(10, a.groupingIdentifier());
            ps.setString(11, a.lastChange());
            ps.setInt(12, order);
            ps.setLong(13, hash);
            ps.setString(14, id);
            ps.addBatch();
            if (++pendingUpdateAssociation >= BATCH) {
                endCopy();
                updateAssociation.executeBatch();
                pendingUpdateAssociation = 0;
            }
            return;
        }
        insertAssociation.add(id, frameworkId, a.identifier(), a.uri(), a.type(), a.originIdentifier(), a.originUri(), a.originTitle(),
                a.destIdentifier(), a.destUri(), a.destTitle(), a.sequenceNumber(), a.groupingIdentifier(), a.lastChange(), order, hash,
                Boolean.FALSE);
    }

    private static void setInteger(PreparedStatement ps, int i, Integer v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.INTEGER);
        } else {
            ps.setInt(i, v);
        }
    }

    private void loadExisting() throws SQLException {
        int n = count("SELECT COUNT(*) FROM std_item WHERE framework_id = ?");
        existingItems = new KeyIndex(Math.max(16, n));
        existingItemHash = new long[n];
        existingItemRetired = new BitSet(n);
        try (PreparedStatement ps = c.prepareStatement("SELECT identifier, content_hash, retired FROM std_item WHERE framework_id = ?")) {
            ps.setFetchSize(5000);
            ps.setString(1, frameworkId);
            try (ResultSet rs = ps.executeQuery()) {
                int i = 0;
                while (rs.next() && i < n) {
                    existingItems.putIfAbsent(Hashing.key(rs.getString(1)), i);
                    existingItemHash[i] = rs.getLong(2);
                    if (rs.getBoolean(3)) {
                        existingItemRetired.set(i);
                    }
                    i++;
                }
            }
        }
        int m = count("SELECT COUNT(*) FROM std_association WHERE framework_id = ?");
        existingAssociations = new LongIndex(Math.max(16, m));
        existingAssociationHash = new long[m];
        existingAssociationRetired = new BitSet(m);
        try (PreparedStatement ps = c.prepareStatement("SELECT identifier, content_hash, retired FROM std_association WHERE framework_id = ?")) {
            ps.setFetchSize(5000);
            ps.setString(1, frameworkId);
            try (ResultSet rs = ps.executeQuery()) {
                int i = 0;
                while (rs.next() && i < m) {
                    existingAssociations.putIfAbsent(LongIndex.fingerprint(Hashing.key(rs.getString(1))), i);
                    existingAssociationHash[i] = rs.getLong(2);
                    if (rs.getBoolean(3)) {
                        existingAssociationRetired.set(i);
                    }
                    i++;
                }
            }
        }
    }

    private int count(String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, frameworkId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    // ---- finish --------------------------------------------------------------------------------------------

    /** Validates what needs the whole file, then commits (no errors) or rolls back (errors). */
    public Outcome finish() {
        try {
            if (document == null) {
                if (!report.hasErrors()) {
                    report.error("missing_document", "The file describes no framework.", null);
                }
                rollbackQuietly();
                return new Outcome(false, null, null, 0, itemCount, associationCount, 0, 0, 0, 0);
            }
            for (AssociationRecord a : deferred) {
                check(a);
            }
            deferred.clear();
            progress.update("checking the hierarchy", itemCount, report);
            findCycles();
            if (itemCount == 0 && !report.hasErrors()) {
                report.error("no_items", "The file has no standards (items).", document.identifier());
            }
            if (!write) {
                return new Outcome(false, null, document.title(), versionNo, itemCount, associationCount, 0, 0, 0, 0);
            }
            if (report.hasErrors()) {
                rollbackQuietly();
                return new Outcome(false, newFramework ? null : frameworkId, document.title(), versionNo, itemCount, associationCount, 0, 0, 0, 0);
            }
            flushAll();
            progress.update("retiring vanished items", itemCount, report);
            retireVanished();
            writeFramework();
            c.commit();
            return new Outcome(true, frameworkId, document.title(), versionNo, itemCount, associationCount, added, updated, unchanged, retired);
        } catch (SQLException e) {
            rollbackQuietly();
            throw new ImportDatabaseException(e);
        } catch (RuntimeException e) {
            rollbackQuietly();
            throw e;
        } finally {
            closeStatements();
        }
    }

    /** Abandons the import (the caller hit a problem): nothing is written. */
    public void abort() {
        rollbackQuietly();
        closeStatements();
    }

    /** Ends a running COPY: other statements may use the connection again. */
    private void endCopy() throws SQLException {
        if (copy != null) {
            copy.end();
        }
    }

    private void rollbackQuietly() {
        if (c == null) {
            return;
        }
        if (copy != null) {
            copy.cancel();
        }
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is going away anyway
        }
    }

    private void flushAll() throws SQLException {
        insertItem.flush();
        flushUpdates();
        insertAssociation.flush();
        endCopy();
        if (pendingUpdateAssociation > 0) {
            updateAssociation.executeBatch();
            pendingUpdateAssociation = 0;
        }
    }

    private void closeStatements() {
        for (AutoCloseable ps : new AutoCloseable[] {copy, insertItem, updateItem, history, insertAssociation, updateAssociation}) {
            if (ps != null) {
                try {
                    ps.close();
                } catch (Exception ignored) {
                    // closing
                }
            }
        }
    }

    /** Iterative depth-first search over child → parent edges; reports each cycle once with its identifiers. */
    private void findCycles() {
        int n = itemCount;
        int m = childEdges.size();
        if (m == 0) {
            return;
        }
        int[] start = new int[n + 1];
        for (int i = 0; i < m; i++) {
            start[childEdges.get(i) + 1]++;
        }
        for (int i = 0; i < n; i++) {
            start[i + 1] += start[i];
        }
        int[] adj = new int[m];
        int[] fill = Arrays.copyOf(start, n);
        for (int i = 0; i < m; i++) {
            adj[fill[childEdges.get(i)]++] = parentEdges.get(i);
        }
        byte[] colour = new byte[n];
        int[] stack = new int[n];
        int[] next = new int[n];
        int reported = 0;
        for (int root = 0; root < n; root++) {
            if (colour[root] != 0) {
                continue;
            }
            int sp = 0;
            stack[sp] = root;
            next[sp] = start[root];
            colour[root] = 1;
            while (sp >= 0) {
                int v = stack[sp];
                if (next[sp] < start[v + 1]) {
                    int w = adj[next[sp]++];
                    if (colour[w] == 0) {
                        colour[w] = 1;
                        sp++;
                        stack[sp] = w;
                        next[sp] = start[w];
                    } else if (colour[w] == 1 && reported < 20) {
                        StringBuilder path = new StringBuilder();
                        int from = sp;
                        while (from > 0 && stack[from] != w) {
                            from--;
                        }
                        for (int k = from; k <= sp; k++) {
                            path.append(identifierOf(stack[k])).append(" → ");
                        }
                        path.append(identifierOf(w));
                        report.error("cycle", "isChildOf associations form a cycle (an item would be its own ancestor).", path.toString());
                        reported++;
                    } else if (colour[w] == 1) {
                        report.error("cycle", "isChildOf associations form a cycle (an item would be its own ancestor).", null);
                    }
                } else {
                    colour[v] = 2;
                    sp--;
                }
            }
        }
    }

    private String identifierOf(int idx) {
        String s = nonUuidIdentifiers.get(idx);
        if (s != null) {
            return s;
        }
        long[] key = itemIndex.keyOf(idx);
        return key == null ? "item #" + (idx + 1) : new UUID(key[0], key[1]).toString();
    }

    private void retireVanished() throws SQLException {
        if (newFramework) {
            return;
        }
        int existing = existingItemHash.length;
        if (seenItems.cardinality() < existing) {
            try (PreparedStatement select = c.prepareStatement("SELECT id, identifier, retired FROM std_item WHERE framework_id = ?");
                 PreparedStatement retire = c.prepareStatement("UPDATE std_item SET retired = TRUE, retired_in_version = ?, changed_in_version = ? WHERE id = ?")) {
                select.setFetchSize(5000);
                select.setString(1, frameworkId);
                List<String> ids = new ArrayList<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        int e = existingItems.get(Hashing.key(rs.getString(2)));
                        if (e >= 0 && !seenItems.get(e) && !rs.getBoolean(3)) {
                            ids.add(rs.getString(1));
                        }
                    }
                }
                for (String id : ids) {
                    addHistory(id);
                    retire.setInt(1, versionNo);
                    retire.setInt(2, versionNo);
                    retire.setString(3, id);
                    retire.addBatch();
                    retired++;
                }
                if (pendingHistory > 0) {
                    history.executeBatch();
                    pendingHistory = 0;
                }
                retire.executeBatch();
            }
        }
        if (seenAssociations.cardinality() < existingAssociationHash.length) {
            try (PreparedStatement select = c.prepareStatement("SELECT id, identifier, retired FROM std_association WHERE framework_id = ?");
                 PreparedStatement retire = c.prepareStatement("UPDATE std_association SET retired = TRUE WHERE id = ?")) {
                select.setFetchSize(5000);
                select.setString(1, frameworkId);
                List<String> ids = new ArrayList<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        int e = existingAssociations.get(LongIndex.fingerprint(Hashing.key(rs.getString(2))));
                        if (e >= 0 && !seenAssociations.get(e) && !rs.getBoolean(3)) {
                            ids.add(rs.getString(1));
                        }
                    }
                }
                for (String id : ids) {
                    retire.setString(1, id);
                    retire.addBatch();
                }
                retire.executeBatch();
            }
        }
    }

    private void writeFramework() throws SQLException {
        DocumentRecord d = document;
        String[] licence = chooseLicence();
        String licenceText = licence[3];
        String licenceTitle = licence[1];
        if (licenceText == null) {
            LicenceNotices.Notice known = LicenceNotices.forFramework(d.title(), d.creator(), d.publisher()).orElse(null);
            if (known != null) {
                licenceTitle = licenceTitle == null ? known.title() : licenceTitle;
                licenceText = known.text();
            }
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE std_framework SET uri = ?, title = ?, creator = ?, publisher = ?, "
                + "description = ?, subjects = ?, language = ?, version_label = ?, adoption_status = ?, official_source_url = ?, "
                + "notes = ?, last_change = ?, licence_title = ?, licence_uri = ?, licence_text = ?, source_format = ?, "
                + "current_version = ?, item_count = ?, updated_at = ? WHERE id = ?")) {
            ps.setString(1, d.uri());
            ps.setString(2, d.title() == null ? d.identifier() : d.title());
            ps.setString(3, d.creator());
            ps.setString(4, d.publisher());
            ps.setString(5, d.description());
            ps.setString(6, d.subjects().isEmpty() ? null : truncate(String.join(", ", d.subjects()), 1000));
            ps.setString(7, d.language());
            ps.setString(8, d.version());
            ps.setString(9, d.adoptionStatus());
            ps.setString(10, d.officialSourceUrl());
            ps.setString(11, d.notes());
            ps.setString(12, d.lastChange());
            ps.setString(13, truncate(licenceTitle, 1000));
            ps.setString(14, truncate(licence[2], 2000));
            ps.setString(15, truncate(licenceText, 100000));
            ps.setString(16, target.sourceFormat());
            ps.setInt(17, versionNo);
            ps.setInt(18, itemCount);
            ps.setObject(19, now);
            ps.setString(20, frameworkId);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO std_framework_version (id, framework_id, version_no, job_id, "
                + "source_name, source_format, case_version, version_label, last_change, item_count, association_count, added_count, "
                + "updated_count, retired_count, imported_by, imported_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
            ps.setString(1, Tokens.newId());
            ps.setString(2, frameworkId);
            ps.setInt(3, versionNo);
            ps.setString(4, target.jobId());
            ps.setString(5, truncate(target.sourceName(), 500));
            ps.setString(6, target.sourceFormat());
            ps.setString(7, caseVersion);
            ps.setString(8, d.version());
            ps.setString(9, d.lastChange());
            ps.setInt(10, itemCount);
            ps.setInt(11, associationCount);
            ps.setInt(12, added);
            ps.setInt(13, updated);
            ps.setInt(14, retired);
            ps.setString(15, target.personId());
            ps.setObject(16, now);
            ps.executeUpdate();
        }
    }

    private String[] chooseLicence() {
        String wanted = document.licenceIdentifier();
        for (String[] l : licences) {
            if (wanted != null && wanted.equals(l[0])) {
                return l;
            }
        }
        if (licences.size() == 1) {
            return licences.get(0);
        }
        return new String[] {null, document.licenceTitle(), document.licenceUri(), null};
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    public String frameworkId() {
        return frameworkId;
    }

    /** A database failure during an import: the transaction is rolled back and the job fails with a clear message. */
    public static class ImportDatabaseException extends RuntimeException {
        public ImportDatabaseException(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
