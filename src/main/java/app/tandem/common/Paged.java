package app.tandem.common;

import java.util.List;

/** One page of a list read newest first: its entries, the total, the page number (from 1) and the page size. */
public record Paged<T>(List<T> entries, long total, int page, int pageSize) {
    public int pages() {
        return (int) Math.max(1, (total + pageSize - 1) / pageSize);
    }

    public boolean hasNext() {
        return page < pages();
    }

    public boolean hasPrevious() {
        return page > 1;
    }
}
