package app.tandem.standards.web;

import app.tandem.common.InvalidRequestException;
import app.tandem.common.JsonBodies;
import app.tandem.lti.api.LaunchContext;
import app.tandem.lti.api.LaunchRequests;
import app.tandem.standards.application.CaseProviderClient;
import app.tandem.standards.application.Exporter;
import app.tandem.standards.application.ImportJobs;
import app.tandem.standards.application.ImportReports;
import app.tandem.standards.application.ProviderImports;
import app.tandem.standards.application.SavedProviders;
import app.tandem.standards.application.SearchIndex;
import app.tandem.standards.application.StandardsService;
import app.tandem.standards.domain.ProviderStore;
import app.tandem.standards.domain.StandardsStore.Framework;
import app.tandem.standards.domain.StandardsStore.Item;
import app.tandem.standards.domain.StandardsStore.Node;
import app.tandem.standards.domain.StandardsStore;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * JSON API of the standards library. Authenticated by the launch session (header X-Tandem-Session), scoped to the
 * launch's district; teachers see enabled frameworks, coordinators all of the district's and may import, enable
 * and export. Errors are JSON: {"status":4xx,"error":"...","fields":{...}}.
 */
@Path("api/standards")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Standards", description = "Frameworks, standards, search, imports and exports (launch session in X-Tandem-Session)")
public class StandardsApi {
    @Inject
    LaunchRequests access;

    @Inject
    StandardsService standards;

    @Inject
    ImportJobs jobs;

    @Inject
    ProviderImports providers;

    @Inject
    StandardsStore store;

    @Inject
    SavedProviders saved;

    @GET
    @Path("frameworks")
    @Operation(summary = "Frameworks visible to this launch (coordinators: all of the district's; teachers: enabled ones)")
    public String frameworks() {
        LaunchContext launch = access.launch();
        JsonArrayBuilder a = Json.createArrayBuilder();
        standards.frameworks(launch).forEach(f -> a.add(framework(f)));
        return a.build().toString();
    }

    @GET
    @Path("frameworks/{id}")
    @Operation(summary = "One framework with its versions and the top of its tree")
    public String framework(@PathParam("id") String id) {
        LaunchContext launch = access.launch();
        Framework f = standards.framework(launch, id);
        JsonArrayBuilder versions = Json.createArrayBuilder();
        store.versions(f.id()).forEach(v -> versions.add(Json.createObjectBuilder().add("version", v.versionNo())
                .add("source", nz(v.sourceName())).add("format", nz(v.sourceFormat())).add("items", v.itemCount())
                .add("associations", v.associationCount()).add("added", v.added()).add("updated", v.updated())
                .add("retired", v.retired()).add("importedAt", v.importedAt().toString())));
        return framework(f).add("versions", versions).add("children", nodes(standards.roots(launch, f))).build().toString();
    }

    @GET
    @Path("frameworks/{id}/children")
    @Operation(summary = "Children of an item (parent = item id) in sibling order; the top level without parent")
    public String children(@PathParam("id") String id, @QueryParam("parent") String parent) {
        LaunchContext launch = access.launch();
        Framework f = standards.framework(launch, id);
        List<Node> nodes = parent == null || parent.isBlank() ? standards.roots(launch, f) : standards.children(launch, id, parent);
        return nodes(nodes).build().toString();
    }

    @GET
    @Path("items/{id}")
    @Operation(summary = "One standard with ancestors, children and associations both ways (crosswalks)")
    public String item(@PathParam("id") String id) {
        LaunchContext launch = access.launch();
        Item i = standards.item(launch, id);
        Framework f = standards.framework(launch, i.frameworkId());
        JsonArrayBuilder ancestors = Json.createArrayBuilder();
        store.ancestors(i).forEach(x -> ancestors.add(item(x)));
        JsonArrayBuilder related = Json.createArrayBuilder();
        standards.related(launch, i).forEach(r -> {
            JsonObjectBuilder b = Json.createObjectBuilder().add("type", r.type()).add("direction", r.outgoing() ? "from" : "to")
                    .add("otherIdentifier", r.otherIdentifier());
            if (r.otherUri() != null) {
                b.add("otherUri", r.otherUri());
            }
            if (r.otherTitle() != null) {
                b.add("otherTitle", r.otherTitle());
            }
            if (r.otherItem() != null) {
                b.add("otherItem", item(r.otherItem())).add("otherFramework", nz(r.otherFrameworkTitle()));
            }
            related.add(b);
        });
        return item(i).add("framework", framework(f)).add("ancestors", ancestors)
                .add("children", nodes(store.children(f.id(), i.identifier(), StandardsService.PAGE)))
                .add("associations", related).build().toString();
    }

    @GET
    @Path("search")
    @Operation(summary = "Search standards by code (7.RP.A.2, prefixes like 7.RP.A) or words (typos tolerated), with filters")
    public String search(@Parameter(description = "code or words") @QueryParam("q") String q, @QueryParam("framework") String framework,
                         @QueryParam("grade") String grade, @QueryParam("subject") String subject, @QueryParam("type") String type,
                         @QueryParam("limit") Integer limit,
                         @Parameter(description = "true: add each of the first 10 hits' crosswalks (exactMatchOf, isRelatedTo) in other frameworks")
                         @QueryParam("expand") boolean expand) {
        LaunchContext launch = access.launch();
        SearchIndex.Result r = standards.search(launch, q, framework, grade, subject, type, limit == null ? 25 : limit);
        Map<String, List<StandardsStore.Related>> crosswalks = expand ? standards.crosswalks(launch, r.hits(), 10) : Map.of();
        JsonArrayBuilder hits = Json.createArrayBuilder();
        Map<String, Framework> seen = new java.util.LinkedHashMap<>();
        for (SearchIndex.Hit h : r.hits()) {
            JsonArrayBuilder hl = Json.createArrayBuilder();
            h.highlighted().forEach(s -> hl.add(Json.createObjectBuilder().add("text", s.text()).add("match", s.match())));
            JsonObjectBuilder b = Json.createObjectBuilder().add("id", h.id()).add("frameworkId", h.frameworkId())
                    .add("frameworkTitle", nz(h.frameworkTitle())).add("statement", h.statement()).add("highlights", hl)
                    .add("score", h.score());
            if (h.code() != null) {
                b.add("code", h.code());
            }
            if (h.type() != null) {
                b.add("type", h.type());
            }
            if (h.grades() != null) {
                b.add("grades", h.grades());
            }
            if (h.ancestors() != null) {
                b.add("ancestors", h.ancestors());
            }
            if (crosswalks.containsKey(h.id())) {
                JsonArrayBuilder cw = Json.createArrayBuilder();
                crosswalks.get(h.id()).forEach(c -> cw.add(item(c.otherItem()).add("association", c.type())
                        .add("direction", c.outgoing() ? "from" : "to").add("frameworkTitle", nz(c.otherFrameworkTitle()))));
                b.add("crosswalks", cw);
            }
            hits.add(b);
            seen.computeIfAbsent(h.frameworkId(), fid -> store.framework(launch.districtId(), fid).orElse(null));
        }
        JsonObjectBuilder notices = Json.createObjectBuilder();
        seen.values().stream().filter(f -> f != null && f.hasLicence()).forEach(f -> notices.add(f.id(), f.licenceText()));
        return Json.createObjectBuilder().add("query", r.query()).add("total", r.total()).add("totalIsLowerBound", r.totalIsLowerBound())
                .add("relaxed", r.fuzzyFallback()).add("millis", Math.round(r.millis() * 100) / 100.0).add("hits", hits)
                .add("licenceNotices", notices).build().toString();
    }

    @POST
    @Path("imports")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Import a framework file (CASE JSON or CSV, raw body; name= the file name): starts a background job (202)")
    public Response startImport(InputStream body, @QueryParam("name") String name, @HeaderParam("X-File-Name") String headerName,
                                @Parameter(description = "true: only check the file and report; nothing is written")
                                @QueryParam("validateOnly") boolean validateOnly) {
        LaunchContext launch = access.launch();
        String jobId = jobs.submit(launch, body, name != null ? name : headerName, validateOnly);
        return Response.accepted(job(launch, jobId).build().toString())
                .location(URI.create(access.contextPath() + "/api/standards/imports/" + jobId)).build();
    }

    @POST
    @Path("imports/provider")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Import from a CASE provider: {url, package, tokenUrl, clientId, clientSecret, scope, validateOnly}",
            description = "url: a package (…/ims/case/v1p0|v1p1/CFPackages/{id}) starts a background job (202, like POST imports); "
                    + "a listing (…/CFDocuments) or a provider's base URL answers 200 with its documents, each with the packageUrl to "
                    + "send back as package. tokenUrl, clientId and clientSecret (all three or none) are OAuth 2 client credentials "
                    + "(client_credentials grant, HTTP Basic client authentication, scope defaulting to the CASE read-only scope); "
                    + "they are used for this request only and never stored. A URL that cannot be fetched (invalid, not http(s), "
                    + "a refused address) or a provider problem while listing answers 400 naming the field; a provider problem "
                    + "while downloading ends the job with report.problem and report.problemCode.")
    public Response fromProvider(String body) {
        LaunchContext launch = access.launch();
        JsonObject o = JsonBodies.object(body);
        JsonValue validate = o.get("validateOnly");
        if (validate != null && validate != JsonValue.TRUE && validate != JsonValue.FALSE) {
            throw new InvalidRequestException("validateOnly must be true or false.", Map.of("validateOnly", "boolean"));
        }
        ProviderImports.Outcome out = providers.start(launch, new ProviderImports.Request(JsonBodies.string(o, "url"),
                JsonBodies.string(o, "package"), JsonBodies.string(o, "tokenUrl"), JsonBodies.string(o, "clientId"),
                JsonBodies.string(o, "clientSecret"), JsonBodies.string(o, "scope")), validate == JsonValue.TRUE);
        if (out.jobId() != null) {
            return Response.accepted(job(launch, out.jobId()).build().toString())
                    .location(URI.create(access.contextPath() + "/api/standards/imports/" + out.jobId())).build();
        }
        return Response.ok(listing(out.listing()).build().toString()).build();
    }

    /** A provider's CFDocuments listing as JSON: each document with the packageUrl to import it. */
    static JsonObjectBuilder listing(CaseProviderClient.Listing listing) {
        JsonArrayBuilder docs = Json.createArrayBuilder();
        listing.documents().forEach(d -> {
            JsonObjectBuilder b = Json.createObjectBuilder().add("identifier", d.identifier()).add("packageUrl", d.packageUrl().toString());
            if (d.title() != null) {
                b.add("title", d.title());
            }
            if (d.version() != null) {
                b.add("version", d.version());
            }
            if (d.adoptionStatus() != null) {
                b.add("adoptionStatus", d.adoptionStatus());
            }
            if (d.lastChange() != null) {
                b.add("lastChangeDateTime", d.lastChange());
            }
            if (d.creator() != null) {
                b.add("creator", d.creator());
            }
            docs.add(b);
        });
        return Json.createObjectBuilder().add("listing", listing.url().toString()).add("caseVersion", listing.version()).add("documents", docs);
    }

    @GET
    @Path("imports/{id}")
    @Operation(summary = "An import job: status, percent, items/s, errors so far and, when finished, its report")
    public String importJob(@PathParam("id") String id) {
        LaunchContext launch = access.launch();
        standards.requireCoordinator(launch);
        return job(launch, id).build().toString();
    }

    private JsonObjectBuilder job(LaunchContext launch, String id) {
        return job(store, launch, id);
    }

    /** An import job of the launch's district as JSON (404 for another district's). */
    static JsonObjectBuilder job(StandardsStore store, LaunchContext launch, String id) {
        StandardsStore.Job j = store.job(launch.districtId(), id)
                .orElseThrow(() -> new InvalidRequestException(404, "There is no such import in your district.", Map.of()));
        JsonObjectBuilder b = Json.createObjectBuilder().add("id", j.id()).add("status", j.status()).add("phase", nz(j.phase()))
                .add("percent", j.percent()).add("items", j.itemsDone()).add("itemsPerSecond", j.itemsPerSecond())
                .add("errors", j.errorCount()).add("warnings", j.warningCount()).add("source", nz(j.sourceName()))
                .add("format", nz(j.sourceFormat())).add("sizeBytes", j.sizeBytes());
        if (j.frameworkId() != null) {
            b.add("frameworkId", j.frameworkId());
        }
        if (j.versionNo() != null) {
            b.add("version", j.versionNo());
        }
        JsonObject report = ImportReports.parse(j.report());
        b.add("report", report == null ? JsonValue.NULL : report);
        return b;
    }

    @PUT
    @Path("frameworks/{id}/enablement")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Enable or disable a framework for the district: {enabled, grades: \"KG,01\", subjects}")
    public String enablement(@PathParam("id") String id, String body) {
        LaunchContext launch = access.launch();
        JsonObject o = JsonBodies.object(body);
        JsonValue enabled = o.get("enabled");
        if (enabled == null || (enabled != JsonValue.TRUE && enabled != JsonValue.FALSE)) {
            throw new InvalidRequestException("enabled must be true or false.", Map.of("enabled", "required boolean"));
        }
        if (enabled == JsonValue.TRUE) {
            standards.enable(launch, id, JsonBodies.string(o, "grades"), JsonBodies.string(o, "subjects"));
        } else {
            standards.disable(launch, id);
        }
        return framework(standards.framework(launch, id)).build().toString();
    }

    @GET
    @Path("frameworks/{id}/source")
    @Operation(summary = "Where a framework was fetched from (coordinators): its saved CASE provider, package URL, last fetch "
            + "and the lastChangeDateTime imported; 404 when it was not fetched from a saved provider")
    public String source(@PathParam("id") String id) {
        LaunchContext launch = access.launch();
        standards.requireCoordinator(launch);
        standards.framework(launch, id);
        ProviderStore.Source s = saved.source(launch, id)
                .orElseThrow(() -> new InvalidRequestException(404, "This framework was not fetched from a saved CASE provider.", Map.of()));
        JsonObjectBuilder b = Json.createObjectBuilder().add("frameworkId", s.frameworkId()).add("packageUrl", s.packageUrl())
                .add("fetchedAt", s.fetchedAt().toString());
        opt(b, "providerId", s.providerId());
        opt(b, "providerName", s.providerName());
        opt(b, "lastChangeDateTime", s.lastChange());
        return b.build().toString();
    }

    @POST
    @Path("frameworks/{id}/reimport")
    @Operation(summary = "Re-import a framework from its saved CASE provider with the stored credentials: a background job (202), "
            + "a new version; alignments are kept. 409 when the framework has no saved provider")
    public Response reimport(@PathParam("id") String id) {
        LaunchContext launch = access.launch();
        String jobId = saved.reimport(launch, id);
        return Response.accepted(job(launch, jobId).build().toString())
                .location(URI.create(access.contextPath() + "/api/standards/imports/" + jobId)).build();
    }

    @POST
    @Path("frameworks/{id}/update-check")
    @Operation(summary = "Ask the framework's saved CASE provider whether it changed since the import (the CFDocument's "
            + "lastChangeDateTime; no package is downloaded): {newer, remoteLastChange, importedLastChange, message}")
    public String updateCheck(@PathParam("id") String id) {
        LaunchContext launch = access.launch();
        SavedProviders.UpdateCheck c = saved.checkForUpdate(launch, id);
        JsonObjectBuilder b = Json.createObjectBuilder().add("newer", c.newer()).add("message", c.message());
        opt(b, "remoteLastChange", c.remoteLastChange());
        opt(b, "importedLastChange", c.importedLastChange());
        return b.build().toString();
    }

    @GET
    @Path("frameworks/{id}/export")
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    @Operation(summary = "Export a framework: format=case (CASE 1.1 CFPackage JSON), canvas (outcomes CSV) or moodle (competency CSV)")
    public Response export(@PathParam("id") String id, @QueryParam("format") String format) {
        LaunchContext launch = access.launch();
        standards.requireCoordinator(launch);
        Framework f = standards.framework(launch, id);
        Exporter.Format fmt = Exporter.Format.of(format == null ? "case" : format);
        if (fmt == null) {
            throw new InvalidRequestException("Unknown export format: use case, canvas or moodle.", Map.of("format", "unknown"));
        }
        StreamingOutput out = os -> new Exporter(store).write(f, fmt, os);
        String file = f.title().replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("-+", "-");
        return Response.ok(out, fmt.mediaType + "; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + (file.isEmpty() ? "framework" : file) + "." + fmt.extension + "\"")
                .header("Cache-Control", "no-store").build();
    }

    // ---- JSON shapes ---------------------------------------------------------------------------------------

    private static JsonObjectBuilder framework(Framework f) {
        JsonObjectBuilder b = Json.createObjectBuilder().add("id", f.id()).add("identifier", f.identifier()).add("title", f.title())
                .add("version", f.currentVersion()).add("items", f.itemCount()).add("format", f.sourceFormat()).add("enabled", f.enabled());
        opt(b, "uri", f.uri());
        opt(b, "creator", f.creator());
        opt(b, "publisher", f.publisher());
        opt(b, "subjects", f.subjects());
        opt(b, "versionLabel", f.versionLabel());
        opt(b, "adoptionStatus", f.adoptionStatus());
        opt(b, "enabledGrades", f.enabledGrades());
        opt(b, "enabledSubjects", f.enabledSubjects());
        if (f.hasLicence()) {
            b.add("licence", Json.createObjectBuilder().add("title", nz(f.licenceTitle())).add("text", f.licenceText()));
        }
        return b;
    }

    private static JsonObjectBuilder item(Item i) {
        JsonObjectBuilder b = Json.createObjectBuilder().add("id", i.id()).add("frameworkId", i.frameworkId())
                .add("identifier", i.identifier()).add("fullStatement", i.fullStatement()).add("retired", i.retired());
        opt(b, "uri", i.uri());
        opt(b, "humanCodingScheme", i.code());
        opt(b, "abbreviatedStatement", i.abbreviatedStatement());
        opt(b, "listEnumeration", i.listEnumeration());
        opt(b, "type", i.type());
        opt(b, "notes", i.notes());
        opt(b, "language", i.language());
        if (i.grades() != null) {
            JsonArrayBuilder g = Json.createArrayBuilder();
            i.gradeList().forEach(g::add);
            b.add("educationLevel", g);
        }
        if (i.keywords() != null) {
            JsonArrayBuilder k = Json.createArrayBuilder();
            i.keywordList().forEach(k::add);
            b.add("conceptKeywords", k);
        }
        return b;
    }

    private static JsonArrayBuilder nodes(List<Node> nodes) {
        JsonArrayBuilder a = Json.createArrayBuilder();
        for (Node n : nodes) {
            JsonObjectBuilder b = item(n.item()).add("hasChildren", n.hasChildren());
            if (n.sequenceNumber() != null) {
                b.add("sequenceNumber", n.sequenceNumber());
            }
            a.add(b);
        }
        return a;
    }

    static void opt(JsonObjectBuilder b, String name, String value) {
        if (value != null) {
            b.add(name, value);
        }
    }

    static String nz(String s) {
        return s == null ? "" : s;
    }
}
