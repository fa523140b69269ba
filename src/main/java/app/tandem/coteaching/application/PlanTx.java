package app.tandem.coteaching.application;

import app.tandem.common.InvalidRequestException;
import app.tandem.common.Tokens;
import app.tandem.coteaching.application.PlanViews.Comment;
import app.tandem.coteaching.application.PlanViews.Conflicted;
import app.tandem.coteaching.application.PlanViews.Outcome;
import app.tandem.coteaching.application.PlanViews.Plan;
import app.tandem.coteaching.application.PlanViews.Revision;
import app.tandem.coteaching.application.PlanViews.RevisionDetail;
import app.tandem.coteaching.application.PlanViews.Saved;
import app.tandem.coteaching.application.PlanViews.Summary;
import app.tandem.coteaching.domain.GroupStore;
import app.tandem.coteaching.domain.PlanCommentEntity;
import app.tandem.coteaching.domain.PlanEntity;
import app.tandem.coteaching.domain.PlanRevisionEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.StringReader;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The transactions behind {@link Plans}: each change of a plan bumps its {@code @Version} and writes a revision
 * with the whole document in the same transaction. A save that lost a race fails at the version check (optimistic
 * locking) and is retried by {@link Plans}, which then merges it with the newer version.
 */
@ApplicationScoped
public class PlanTx {
    /** Who made a change. */
    public record Actor(String personId, String name) {
    }

    @PersistenceContext(unitName = "tandem")
    EntityManager em;

    static JsonObject parse(String json) {
        try (JsonReader r = Json.createReader(new StringReader(json))) {
            return r.readObject();
        }
    }

    static Plan view(PlanEntity e) {
        return new Plan(e.id, e.groupId, e.districtId, e.status, e.version, e.createdAt, e.updatedAt, e.updatedByName, e.publishedAt, parse(e.body));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Plan> find(String planId) {
        PlanEntity e = planId == null ? null : em.find(PlanEntity.class, planId);
        return Optional.ofNullable(e).map(PlanTx::view);
    }

    /** The plan's group, district and version only (the live poll). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Object[]> head(String planId) {
        return em.createQuery("select p.groupId, p.districtId, p.version, p.updatedByName, p.updatedBy from PlanEntity p where p.id = :id", Object[].class)
                .setParameter("id", planId).getResultList().stream().findFirst();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public long commentCount(String planId) {
        return em.createQuery("select count(c) from PlanCommentEntity c where c.planId = :p", Long.class).setParameter("p", planId).getSingleResult();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Summary> list(String groupId, LocalDate from, int limit) {
        return em.createQuery("select p from PlanEntity p where p.groupId = :g and (p.startsOn >= :from or p.endsOn >= :from) "
                        + "order by p.startsOn, p.startTime, p.title, p.id", PlanEntity.class)
                .setParameter("g", groupId).setParameter("from", from).setMaxResults(limit).getResultStream().map(PlanTx::summary).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Summary> listDistrict(String districtId, LocalDate from, int limit) {
        return em.createQuery("select p from PlanEntity p where p.districtId = :d and (p.startsOn >= :from or p.endsOn >= :from) "
                        + "order by p.startsOn, p.startTime, p.title, p.id", PlanEntity.class)
                .setParameter("d", districtId).setParameter("from", from).setMaxResults(limit).getResultStream().map(PlanTx::summary).toList();
    }

    /** Published plans of the group from a day on, by date. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Plan> published(String groupId, LocalDate from, int limit) {
        return em.createQuery("select p from PlanEntity p where p.groupId = :g and p.status = :s and (p.startsOn >= :from or p.endsOn >= :from) "
                        + "order by p.startsOn, p.startTime, p.id", PlanEntity.class)
                .setParameter("g", groupId).setParameter("s", PlanEntity.PUBLISHED).setParameter("from", from).setMaxResults(limit)
                .getResultStream().map(PlanTx::view).toList();
    }

    private static Summary summary(PlanEntity e) {
        return new Summary(e.id, e.title, PlanModel.parse(e.model).orElse(PlanModel.TEAM), e.status, e.startsOn, e.endsOn, e.startTime,
                e.endTime, e.unitTitle, e.version, e.updatedAt, e.updatedByName);
    }

    /** Stores a new plan; the document was checked ({@link PlanChecks}) outside the transaction. */
    @Transactional
    public Plan create(GroupStore.Group g, JsonObject checked, Actor actor, String kind, String summary) {
        PlanEntity e = new PlanEntity();
        e.id = Tokens.newId();
        e.groupId = g.id();
        e.districtId = g.districtId();
        e.status = PlanEntity.DRAFT;
        e.createdBy = actor.personId();
        e.createdAt = now();
        apply(e, checked, actor);
        em.persist(e);
        em.flush();
        revision(e, kind, actor, summary);
        return view(e);
    }

    /**
     * Stores a save made from {@code baseVersion}: directly when that is the current version, else merged with the
     * newer versions; conflicts are returned and nothing is stored. The document was checked ({@link PlanChecks})
     * outside the transaction: the standards library reads over its own connections, which a transaction on this
     * (non-XA) data source cannot enlist.
     */
    @Transactional
    public Outcome save(String planId, long baseVersion, JsonObject checked, Actor actor, String kind) {
        PlanEntity e = entity(planId);
        JsonObject current = parse(e.body);
        if (baseVersion > e.version || baseVersion < 1) {
            throw new InvalidRequestException("baseVersion " + baseVersion + " is not a version of this plan (the latest is " + e.version + ").",
                    Map.of("baseVersion", "unknown version"));
        }
        JsonObject base = baseVersion == e.version ? current : snapshot(planId, baseVersion);
        JsonObject result;
        List<String> mergedFrom = List.of();
        String done = kind;
        if (baseVersion == e.version) {
            result = checked;
        } else {
            ThreeWayMerge.Result m = ThreeWayMerge.merge(base, checked, current);
            mergedFrom = m.fromTheirs().stream().map(p -> PlanDocs.label(p, current, base)).distinct().toList();
            if (!m.clean()) {
                return new Conflicted(view(e), m.merged(), m.conflicts(), mergedFrom);
            }
            result = m.merged();
            done = "SAVE".equals(kind) ? "MERGE" : kind;
        }
        if (result.equals(current)) {
            return new Saved(view(e), "NONE", "no changes", mergedFrom);
        }
        String summary = PlanDiff.summary(PlanDiff.diff(current, result));
        if (done.equals("MERGE")) {
            summary = "Merged with " + (e.updatedByName == null ? "another teacher" : e.updatedByName) + "'s newer version; changed " + summary;
        }
        apply(e, result, actor);
        em.flush();
        revision(e, done, actor, summary);
        return new Saved(view(e), done, summary, mergedFrom);
    }

    @Transactional
    public Saved restore(String planId, long version, Actor actor) {
        PlanEntity e = entity(planId);
        JsonObject snapshot = snapshot(planId, version);
        JsonObject current = parse(e.body);
        if (snapshot.equals(current)) {
            return new Saved(view(e), "NONE", "no changes", List.of());
        }
        String summary = "Restored version " + version + ": " + PlanDiff.summary(PlanDiff.diff(current, snapshot));
        apply(e, snapshot, actor);
        em.flush();
        revision(e, "RESTORE", actor, summary);
        return new Saved(view(e), "RESTORE", summary, List.of());
    }

    @Transactional
    public Plan publish(String planId, boolean publish, Actor actor) {
        PlanEntity e = entity(planId);
        if (e.published() == publish) {
            return view(e);
        }
        e.status = publish ? PlanEntity.PUBLISHED : PlanEntity.DRAFT;
        e.publishedAt = publish ? now() : null;
        e.updatedBy = actor.personId();
        e.updatedByName = actor.name();
        e.updatedAt = now();
        em.flush();
        revision(e, publish ? "PUBLISH" : "UNPUBLISH", actor,
                publish ? "Published the student agenda to the group's sections" : "Unpublished the student agenda");
        return view(e);
    }

    /** The document of a version, if the plan has that version. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<JsonObject> snapshotOf(String planId, long version) {
        return em.createQuery("select r.snapshot from PlanRevisionEntity r where r.planId = :p and r.version = :v", String.class)
                .setParameter("p", planId).setParameter("v", version).getResultList().stream().findFirst().map(PlanTx::parse);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Revision> revisions(String planId, int limit) {
        return em.createQuery("select r from PlanRevisionEntity r where r.planId = :p order by r.version desc", PlanRevisionEntity.class)
                .setParameter("p", planId).setMaxResults(limit).getResultStream()
                .map(r -> new Revision(r.version, r.kind, r.authorName, r.createdAt, r.summary)).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public RevisionDetail revision(String planId, long version) {
        PlanRevisionEntity r = revisionEntity(planId, version);
        List<PlanRevisionEntity> previous = em.createQuery("select r from PlanRevisionEntity r where r.planId = :p and r.version < :v "
                        + "order by r.version desc", PlanRevisionEntity.class)
                .setParameter("p", planId).setParameter("v", version).setMaxResults(1).getResultList();
        JsonObject doc = parse(r.snapshot);
        Long prevVersion = previous.isEmpty() ? null : previous.get(0).version;
        List<PlanDiff.Change> changes = previous.isEmpty() ? List.of() : PlanDiff.diff(parse(previous.get(0).snapshot), doc);
        return new RevisionDetail(new Revision(r.version, r.kind, r.authorName, r.createdAt, r.summary), doc, prevVersion, changes);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Comment> comments(String planId, int limit) {
        return em.createQuery("select c from PlanCommentEntity c where c.planId = :p order by c.createdAt, c.id", PlanCommentEntity.class)
                .setParameter("p", planId).setMaxResults(limit).getResultStream()
                .map(c -> new Comment(c.id, c.authorId, c.authorName, c.body, c.createdAt)).toList();
    }

    @Transactional
    public Comment comment(String planId, String text, Actor actor) {
        entity(planId);
        PlanCommentEntity c = new PlanCommentEntity();
        c.id = Tokens.newId();
        c.planId = planId;
        c.authorId = actor.personId();
        c.authorName = actor.name();
        c.body = text;
        c.createdAt = now();
        em.persist(c);
        return new Comment(c.id, c.authorId, c.authorName, c.body, c.createdAt);
    }

    private PlanEntity entity(String planId) {
        PlanEntity e = em.find(PlanEntity.class, planId);
        if (e == null) {
            throw new InvalidRequestException(404, "There is no such plan.", Map.of("plan", "unknown"));
        }
        return e;
    }

    private PlanRevisionEntity revisionEntity(String planId, long version) {
        return em.createQuery("select r from PlanRevisionEntity r where r.planId = :p and r.version = :v", PlanRevisionEntity.class)
                .setParameter("p", planId).setParameter("v", version).getResultStream().findFirst()
                .orElseThrow(() -> new InvalidRequestException(404, "This plan has no version " + version + ".", Map.of("version", "unknown")));
    }

    private JsonObject snapshot(String planId, long version) {
        return parse(revisionEntity(planId, version).snapshot);
    }

    private static void apply(PlanEntity e, JsonObject doc, Actor actor) {
        e.title = doc.getString("title");
        e.model = doc.getString("model");
        e.startsOn = LocalDate.parse(doc.getString("date"));
        e.endsOn = doc.getString("endDate").isEmpty() ? null : LocalDate.parse(doc.getString("endDate"));
        e.startTime = blankToNull(doc.getString("startTime"));
        e.endTime = blankToNull(doc.getString("endTime"));
        e.unitTitle = blankToNull(doc.getString("unit"));
        e.unitId = blankToNull(doc.getString("unitId"));
        e.periodMinutes = doc.getInt("periodMinutes");
        e.body = doc.toString();
        e.updatedBy = actor.personId();
        e.updatedByName = actor.name();
        e.updatedAt = now();
    }

    private void revision(PlanEntity e, String kind, Actor actor, String summary) {
        PlanRevisionEntity r = new PlanRevisionEntity();
        r.id = Tokens.newId();
        r.planId = e.id;
        r.version = e.version;
        r.kind = kind;
        r.authorId = actor.personId();
        r.authorName = actor.name();
        r.createdAt = e.updatedAt;
        r.summary = summary.length() > 2000 ? summary.substring(0, 1999) + "\u2026" : summary;
        r.snapshot = e.body;
        em.persist(r);
        em.flush();
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
