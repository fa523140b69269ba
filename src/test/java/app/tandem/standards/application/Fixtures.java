package app.tandem.standards.application;

/** Small crafted CASE packages. */
final class Fixtures {
    private Fixtures() {
    }

    static String item(int i) {
        return String.format("00000000-0000-4000-8000-%012d", i);
    }

    /** A chain document ← item1 ← item2 ← … ← itemN; with {@code cycle}, item1 isChildOf item2 as well (1 → 2 → 1). */
    static String tree(String doc, int n, boolean cycle) {
        String docId = "d0000000-0000-4000-8000-" + String.format("%012d", doc.hashCode() & 0xffff);
        StringBuilder items = new StringBuilder();
        StringBuilder assoc = new StringBuilder();
        for (int i = 1; i <= n; i++) {
            if (i > 1) {
                items.append(',');
                assoc.append(',');
            }
            items.append("{\"identifier\":\"").append(item(i)).append("\",\"fullStatement\":\"Statement ").append(i)
                    .append("\",\"humanCodingScheme\":\"T.").append(i).append("\"}");
            String parent = i == 1 ? docId : item(i - 1);
            assoc.append(association(i, item(i), parent));
        }
        if (cycle) {
            assoc.append(',').append(association(999, item(1), item(2)));
        }
        return "{\"CFDocument\":{\"identifier\":\"" + docId + "\",\"title\":\"Tree " + doc + "\",\"creator\":\"test\"},"
                + "\"CFItems\":[" + items + "],\"CFAssociations\":[" + assoc + "]}";
    }

    private static String association(int i, String origin, String dest) {
        return "{\"identifier\":\"" + String.format("a0000000-0000-4000-8000-%012d", i) + "\",\"associationType\":\"isChildOf\","
                + "\"originNodeURI\":{\"identifier\":\"" + origin + "\",\"uri\":\"urn:" + origin + "\",\"title\":\"o\"},"
                + "\"destinationNodeURI\":{\"identifier\":\"" + dest + "\",\"uri\":\"urn:" + dest + "\",\"title\":\"d\"},"
                + "\"sequenceNumber\":" + i + "}";
    }
}
