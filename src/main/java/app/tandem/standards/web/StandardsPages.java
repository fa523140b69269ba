package app.tandem.standards.web;

import app.tandem.common.InvalidRequestException;
import app.tandem.lti.api.LaunchContext;
import app.tandem.lti.api.LaunchRequests;
import app.tandem.standards.application.ImportJobs;
import app.tandem.standards.application.ImportReports;
import app.tandem.standards.application.ProviderImports;
import app.tandem.standards.application.SavedProviders;
import app.tandem.standards.application.SearchIndex;
import app.tandem.standards.application.SearchService;
import app.tandem.standards.application.StandardsService;
import app.tandem.standards.domain.StandardsStore.Framework;
import app.tandem.standards.domain.StandardsStore.Item;
import app.tandem.standards.domain.StandardsStore;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The standards library pages: htmx fragments swapped into the launch page (the X-Tandem-Session header comes
 * from the page's hx-headers). Problems a person can fix come back as a 4xx fragment that the page shows in place.
 */
@Path("app/standards")
@RequestScoped
public class StandardsPages {
    @Inject
    LaunchRequests access;

    @Inject
    StandardsService standards;

    @Inject
    ImportJobs jobs;

    @Inject
    ProviderImports providers;

    @Inject
    SearchService search;

    @Inject
    StandardsStore store;

    @Inject
    SavedProviders saved;

    @GET
    public Response library() {
        return guard(() -> {
            LaunchContext launch = access.launch();
            Map<String, Object> m = model(launch);
            m.put("frameworks", standards.frameworks(launch));
            m.put("jobs", standards.coordinator(launch) ? store.recentJobs(launch.districtId(), 5) : List.of());
            m.put("searchReady", search.ready());
            return Fragments.render("standards/library.jte", access.contextPath(), m);
        });
    }

    @GET
    @Path("search")
    public Response search(@QueryParam("q") String q, @QueryParam("framework") String framework, @QueryParam("grade") String grade,
                           @QueryParam("type") String type) {
        return guard(() -> {
            LaunchContext launch = access.launch();
            Map<String, Object> m = model(launch);
            SearchIndex.Result r = standards.search(launch, q, framework, grade, null, type, 25);
            m.put("result", r);
            Map<String, Framework> shown = new java.util.LinkedHashMap<>();
            for (SearchIndex.Hit h : r.hits()) {
                shown.computeIfAbsent(h.frameworkId(), fid -> store.framework(launch.districtId(), fid).orElse(null));
            }
            shown.values().removeIf(java.util.Objects::isNull);
            m.put("frameworks", shown);
            m.put("crosswalks", standards.crosswalks(launch, r.hits(), 10));
            return Fragments.render("standards/results.jte", access.contextPath(), m);
        });
    }

    @GET
    @Path("frameworks/{id}")
    public Response framework(@PathParam("id") String id) {
        return guard(() -> {
            LaunchContext launch = access.launch();
            Framework f = standards.framework(launch, id);
            Map<String, Object> m = model(launch);
            m.put("framework", f);
            m.put("nodes", standards.roots(launch, f));
            m.put("level", 1);
            m.put("versions", store.versions(f.id()));
            m.put("source", saved.source(launch, f.id()).orElse(null));
            return Fragments.render("standards/framework.jte", access.contextPath(), m);
        });
    }

    @GET
    @Path("frameworks/{id}/children")
    public Response children(@PathParam("id") String id, @QueryParam("parent") String parent, @QueryParam("level") Integer level) {
        return guard(() -> {
            LaunchContext launch = access.launch();
            if (parent == null || parent.isBlank()) {
                throw new InvalidRequestException("Which item's children? (parent is required)", Map.of("parent", "required"));
            }
            Map<String, Object> m = model(launch);
            m.put("framework", standards.framework(launch, id));
            m.put("nodes", standards.children(launch, id, parent));
            m.put("level", level == null || level < 1 || level > 50 ? 2 : level);
            return Fragments.render("standards/treeitems.jte", access.contextPath(), m);
        });
    }

    @GET
    @Path("items/{id}")
    public Response item(@PathParam("id") String id, @QueryParam("panel") String panel) {
        return guard(() -> {
            LaunchContext launch = access.launch();
            Item item = standards.item(launch, id);
            Framework f = standards.framework(launch, item.frameworkId());
            Map<String, Object> m = model(launch);
            m.put("item", item);
            m.put("framework", f);
            m.put("ancestors", store.ancestors(item));
            m.put("children", store.children(f.id(), item.identifier(), StandardsService.PAGE));
            m.put("related", standards.related(launch, item));
            m.put("history", store.history(item.id()));
            m.put("panel", "1".equals(panel));
            return Fragments.render("standards/item.jte", access.contextPath(), m);
        });
    }

    @POST
    @Path("imports")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response upload(@FormParam("file") EntityPart file, @FormParam("validateOnly") String validateOnly) {
        return guard(() -> {
            LaunchContext launch = access.launch();
            standards.requireCoordinator(launch);
            if (file == null) {
                throw new InvalidRequestException("Choose a file to import.", Map.of("file", "required"));
            }
            String jobId;
            try (InputStream in = file.getContent()) {
                jobId = jobs.submit(launch, in, file.getFileName().orElse("upload"), "on".equals(validateOnly) || "true".equals(validateOnly));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return job(launch, jobId);
        });
    }

    /**
     * Import from a CASE provider: a package URL starts a job (progress fragment); a listing or base URL answers its
     * frameworks, each with an Import button that posts the same form again with {@code package} set.
     */
    @POST
    @Path("imports/provider")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response fromProvider(@FormParam("url") String url, @FormParam("package") String packageUrl, @FormParam("tokenUrl") String tokenUrl,
                                 @FormParam("clientId") String clientId, @FormParam("clientSecret") String clientSecret,
                                 @FormParam("scope") String scope, @FormParam("validateOnly") String validateOnly) {
        return guard(() -> {
            LaunchContext launch = access.launch();
            ProviderImports.Outcome o = providers.start(launch, new ProviderImports.Request(url, packageUrl, tokenUrl, clientId, clientSecret, scope),
                    "on".equals(validateOnly) || "true".equals(validateOnly));
            if (o.jobId() != null) {
                return job(launch, o.jobId());
            }
            return Fragments.render("standards/provider-documents.jte", access.contextPath(), Map.of("listing", o.listing()));
        });
    }

    @GET
    @Path("imports/{id}")
    public Response importStatus(@PathParam("id") String id) {
        return guard(() -> {
            LaunchContext launch = access.launch();
            standards.requireCoordinator(launch);
            return job(launch, id);
        });
    }

    private Response job(LaunchContext launch, String jobId) {
        StandardsStore.Job job = store.job(launch.districtId(), jobId)
                .orElseThrow(() -> new InvalidRequestException(404, "There is no such import in your district.", Map.of()));
        Map<String, Object> m = model(launch);
        m.put("job", job);
        m.put("report", ImportReports.view(job.report()));
        return Fragments.render("standards/job.jte", access.contextPath(), m);
    }

    @POST
    @Path("frameworks/{id}/enablement")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response enablement(@PathParam("id") String id, @FormParam("enabled") String enabled, @FormParam("grades") String grades,
                               @FormParam("subjects") String subjects) {
        return guard(() -> {
            LaunchContext launch = access.launch();
            if ("on".equals(enabled) || "true".equals(enabled)) {
                standards.enable(launch, id, grades, subjects);
            } else {
                standards.disable(launch, id);
            }
            Map<String, Object> m = model(launch);
            m.put("framework", standards.framework(launch, id));
            m.put("saved", true);
            return Fragments.render("standards/enablement.jte", access.contextPath(), m);
        });
    }

    @POST
    @Path("frameworks/{id}/licence")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response licence(@PathParam("id") String id, @FormParam("title") String title, @FormParam("text") String text) {
        return guard(() -> {
            LaunchContext launch = access.launch();
            standards.setLicence(launch, id, title, text);
            Map<String, Object> m = model(launch);
            m.put("framework", standards.framework(launch, id));
            return Fragments.render("standards/licence.jte", access.contextPath(), m);
        });
    }

    // ---- saved CASE providers --------------------------------------------------------------------------------

    @GET
    @Path("providers")
    public Response providers() {
        return guard(() -> providerList(access.launch(), null));
    }

    @POST
    @Path("providers")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response saveProvider(@FormParam("name") String name, @FormParam("url") String url, @FormParam("tokenUrl") String tokenUrl,
                                 @FormParam("clientId") String clientId, @FormParam("clientSecret") String clientSecret,
                                 @FormParam("scope") String scope) {
        return guard(() -> {
            LaunchContext launch = access.launch();
            var p = saved.create(launch, new SavedProviders.Form(name, url, tokenUrl, clientId, clientSecret, scope));
            return providerList(launch, "Saved the provider " + p.name() + ".");
        });
    }

    @GET
    @Path("providers/{id}/edit")
    public Response editProvider(@PathParam("id") String id) {
        return guard(() -> {
            LaunchContext launch = access.launch();
            return Fragments.render("standards/provider-edit.jte", access.contextPath(), Map.of("provider", saved.get(launch, id)));
        });
    }

    @POST
    @Path("providers/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response updateProvider(@PathParam("id") String id, @FormParam("name") String name, @FormParam("url") String url,
                                   @FormParam("tokenUrl") String tokenUrl, @FormParam("clientId") String clientId,
                                   @FormParam("clientSecret") String clientSecret, @FormParam("scope") String scope) {
        return guard(() -> {
            LaunchContext launch = access.launch();
            var p = saved.update(launch, id, new SavedProviders.Form(name, url, tokenUrl, clientId, clientSecret, scope));
            return providerList(launch, "Saved the changes to " + p.name() + ".");
        });
    }

    @POST
    @Path("providers/{id}/delete")
    public Response deleteProvider(@PathParam("id") String id) {
        return guard(() -> {
            LaunchContext launch = access.launch();
            String name = saved.get(launch, id).name();
            saved.delete(launch, id);
            return providerList(launch, "Deleted the provider " + name + "; the frameworks imported from it stay.");
        });
    }

    @GET
    @Path("providers/{id}/documents")
    public Response browseProvider(@PathParam("id") String id) {
        return guard(() -> {
            LaunchContext launch = access.launch();
            Map<String, Object> m = new HashMap<>();
            m.put("provider", saved.get(launch, id));
            m.put("listing", saved.browse(launch, id));
            return Fragments.render("standards/provider-browse.jte", access.contextPath(), m);
        });
    }

    @POST
    @Path("providers/{id}/imports")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response importFromProvider(@PathParam("id") String id, @FormParam("package") String packageUrl,
                                       @FormParam("validateOnly") String validateOnly) {
        return guard(() -> {
            LaunchContext launch = access.launch();
            return job(launch, saved.importPackage(launch, id, packageUrl, "on".equals(validateOnly) || "true".equals(validateOnly)));
        });
    }

    @POST
    @Path("frameworks/{id}/reimport")
    public Response reimport(@PathParam("id") String id) {
        return guard(() -> {
            LaunchContext launch = access.launch();
            return job(launch, saved.reimport(launch, id));
        });
    }

    @POST
    @Path("frameworks/{id}/update-check")
    public Response updateCheck(@PathParam("id") String id) {
        return guard(() -> {
            LaunchContext launch = access.launch();
            return Fragments.render("standards/update-check.jte", access.contextPath(), Map.of("check", saved.checkForUpdate(launch, id)));
        });
    }

    private Response providerList(LaunchContext launch, String message) {
        Map<String, Object> m = new HashMap<>();
        m.put("providers", saved.list(launch));
        m.put("message", message);
        return Fragments.render("standards/providers.jte", access.contextPath(), m);
    }

    private Map<String, Object> model(LaunchContext launch) {
        Map<String, Object> m = new HashMap<>();
        m.put("launch", launch);
        m.put("coordinator", standards.coordinator(launch));
        return m;
    }

    /** A problem the person can fix (or a missing session) is shown in place as a 4xx fragment. */
    private Response guard(Supplier<Response> page) {
        try {
            return page.get();
        } catch (InvalidRequestException e) {
            return Response.fromResponse(Fragments.render(e.status(), "standards/problem.jte", access.contextPath(),
                    Map.of("message", e.getMessage(), "fields", e.fields(), "status", e.status())))
                    .header("X-Tandem-Fragment", "problem").build();
        }
    }
}
