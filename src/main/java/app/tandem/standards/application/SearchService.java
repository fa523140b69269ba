package app.tandem.standards.application;

import app.tandem.common.Settings;
import app.tandem.standards.domain.Hashing;
import app.tandem.standards.domain.StandardsStore;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;

/**
 * Owns this server's search index: kept under TANDEM_DATA_DIR/standards-index (memory-mapped; in memory when that
 * folder is unusable or another process holds it), rebuilt from the database in the background at start, brought
 * up to date after each import, and compared with the database every minute so that imports done on other servers
 * appear here too (frameworks whose version differs are re-indexed).
 */
@ApplicationScoped
public class SearchService {
    private static final Logger LOG = Logger.getLogger(SearchService.class.getName());

    @Inject
    StandardsStore store;

    @Inject
    Settings settings;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private volatile SearchIndex index;
    private volatile boolean ready;
    private ScheduledFuture<?> periodic;
    private final Object lock = new Object();

    void onStart(@Observes @Priority(50) @Initialized(ApplicationScoped.class) Object ignored) {
        index = open(settings.dataDir().resolve("standards-index"));
        scheduler.execute(() -> sync(true));
        periodic = scheduler.scheduleWithFixedDelay(() -> sync(false), 60, 60, TimeUnit.SECONDS);
    }

    static SearchIndex open(Path dir) {
        try {
            Files.createDirectories(dir);
            return new SearchIndex(FSDirectory.open(dir));
        } catch (LockObtainFailedException e) {
            LOG.warning(() -> "search index folder " + dir + " is in use by another process; this server keeps its index in memory");
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "search index folder " + dir + " is not usable; this server keeps its index in memory", e);
        }
        return new SearchIndex(new ByteBuffersDirectory());
    }

    @PreDestroy
    void stop() {
        if (periodic != null) {
            periodic.cancel(false);
        }
        try {
            if (index != null) {
                index.close();
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "closing the search index", e);
        }
    }

    public SearchIndex index() {
        return index;
    }

    /** False while the first rebuild after start is running (searches still answer, possibly incompletely). */
    public boolean ready() {
        return ready;
    }

    /** Brings the index in line with the database: every framework when {@code all}, else those whose version changed. */
    public void sync(boolean all) {
        synchronized (lock) {
            try {
                Map<String, String[]> inDb = store.frameworkVersions();
                Map<String, Integer> indexed = index.indexedVersions();
                int changed = 0;
                for (Map.Entry<String, String[]> e : inDb.entrySet()) {
                    int version = Integer.parseInt(e.getValue()[1]);
                    Integer have = indexed.get(e.getKey());
                    if (all || have == null || have != version) {
                        reindex(index, store, e.getKey(), e.getValue()[0], version, e.getValue()[2], e.getValue()[3]);
                        changed++;
                    }
                }
                for (String gone : indexed.keySet()) {
                    if (!inDb.containsKey(gone)) {
                        index.deleteFramework(gone);
                        changed++;
                    }
                }
                index.commit();
                if (all || changed > 0) {
                    int n = changed;
                    LOG.info(() -> "standards search index: " + n + " frameworks (re)indexed, " + index.itemCount() + " standards");
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "standards search index could not be brought up to date; will retry", e);
            } finally {
                if (all) {
                    ready = true;
                }
            }
        }
    }

    /** Re-indexes one framework now (after an import on this server). */
    public void refresh(String frameworkId) {
        synchronized (lock) {
            Map<String, String[]> inDb = store.frameworkVersions();
            String[] f = inDb.get(frameworkId);
            if (f == null) {
                index.deleteFramework(frameworkId);
            } else {
                reindex(index, store, frameworkId, f[0], Integer.parseInt(f[1]), f[2], f[3]);
            }
            index.commit();
        }
    }

    /**
     * Replaces a framework's documents. Ancestors' text comes from the isChildOf tree: three streaming passes
     * (parents, labels of items that have children, then the documents), holding identifiers as 128-bit keys.
     */
    public static void reindex(SearchIndex index, StandardsStore store, String frameworkId, String districtId, int version,
                               String title, String subjects) {
        index.deleteFramework(frameworkId);
        KeyIndex children = new KeyIndex(1024);
        LongList parentHi = new LongList();
        LongList parentLo = new LongList();
        KeyIndex parents = new KeyIndex(1024);
        store.forEachParent(frameworkId, (child, parent) -> {
            long[] c = Hashing.key(child);
            long[] p = Hashing.key(parent);
            if (children.putIfAbsent(c, parentHi.size()) < 0) {
                parentHi.add(p[0]);
                parentLo.add(p[1]);
            }
            parents.putIfAbsent(p, parents.size());
        });
        String[] labels = new String[parents.size()];
        store.forEachItem(frameworkId, false, item -> {
            int j = parents.get(Hashing.key(item.identifier()));
            if (j >= 0) {
                String s = item.abbreviatedStatement() != null ? item.abbreviatedStatement() : item.fullStatement();
                if (s.length() > 160) {
                    s = s.substring(0, 160);
                }
                labels[j] = item.code() == null ? s : item.code() + " " + s;
            }
        });
        List<String> subjectList = subjects == null ? List.of() : Arrays.stream(subjects.split(",")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList();
        store.forEachItem(frameworkId, false, item -> {
            List<String> chain = new ArrayList<>();
            long[] key = Hashing.key(item.identifier());
            for (int depth = 0; depth < 12; depth++) {
                int ci = children.get(key);
                if (ci < 0) {
                    break;
                }
                key = new long[] {parentHi.get(ci), parentLo.get(ci)};
                int j = parents.get(key);
                if (j < 0 || labels[j] == null) {
                    break;
                }
                chain.add(0, labels[j]);
            }
            index.add(new SearchIndex.ItemDoc(item.id(), frameworkId, districtId, title, item.code(), item.fullStatement(),
                    item.abbreviatedStatement(), item.keywords(), item.notes(), chain.isEmpty() ? null : String.join(" › ", chain),
                    item.gradeList(), subjectList, item.type()));
        });
        index.markIndexed(frameworkId, version);
    }
}
