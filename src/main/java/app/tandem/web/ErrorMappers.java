package app.tandem.web;

import app.tandem.common.InvalidRequestException;
import app.tandem.lti.api.PlatformServiceException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Maps exceptions to 4xx pages or JSON errors; an unexpected failure becomes a 500 with an incident id, never a stack trace. */
public final class ErrorMappers {
    private static final Logger LOG = Logger.getLogger(ErrorMappers.class.getName());

    private ErrorMappers() {
    }

    @Provider
    public static class InvalidRequest implements ExceptionMapper<InvalidRequestException> {
        @Context
        UriInfo uri;
        @Context
        HttpServletRequest request;

        @Override
        public Response toResponse(InvalidRequestException e) {
            return ErrorPages.of(uri, request.getContextPath(), e.status(), "That request could not be used", e.getMessage(), e.fields());
        }
    }

    @Provider
    public static class SessionRequired implements ExceptionMapper<SessionRequiredException> {
        @Context
        UriInfo uri;
        @Context
        HttpServletRequest request;

        @Override
        public Response toResponse(SessionRequiredException e) {
            return ErrorPages.of(uri, request.getContextPath(), 401, "Please open Tandem from your course again",
                    "Your Tandem session has ended or this page was opened outside your LMS. Open Tandem again from your course.", Map.of());
        }
    }

    /** The LMS refused or failed an Advantage service call: a gateway problem, explained, never a stack trace. */
    @Provider
    public static class PlatformService implements ExceptionMapper<PlatformServiceException> {
        @Context
        UriInfo uri;
        @Context
        HttpServletRequest request;

        @Override
        public Response toResponse(PlatformServiceException e) {
            int status = e.kind() == PlatformServiceException.Kind.NOT_OFFERED ? 409 : 502;
            return ErrorPages.of(uri, request.getContextPath(), status, "The LMS could not help with that", e.getMessage(), Map.of());
        }
    }

    @Provider
    public static class WebApplication implements ExceptionMapper<WebApplicationException> {
        @Context
        UriInfo uri;
        @Context
        HttpServletRequest request;

        @Override
        public Response toResponse(WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (status >= 500) {
                return Unexpected.incident(uri, request, e);
            }
            String message = switch (status) {
                case 404 -> "There is nothing at this address.";
                case 405 -> "This address does not accept " + request.getMethod() + " requests.";
                case 406 -> "Tandem cannot answer in the format the request asked for.";
                case 415 -> "The request body has a content type this address does not accept.";
                default -> "The request could not be used.";
            };
            return ErrorPages.of(uri, request.getContextPath(), status, status == 404 ? "Not found" : "Request not accepted", message, Map.of());
        }
    }

    @Provider
    public static class Unexpected implements ExceptionMapper<Throwable> {
        @Context
        UriInfo uri;
        @Context
        HttpServletRequest request;

        @Override
        public Response toResponse(Throwable e) {
            return incident(uri, request, e);
        }

        static Response incident(UriInfo uri, HttpServletRequest request, Throwable e) {
            String incident = UUID.randomUUID().toString().substring(0, 8);
            LOG.log(Level.SEVERE, "incident " + incident + " on " + request.getMethod() + " " + (uri == null ? "?" : uri.getPath()), e);
            return ErrorPages.of(uri, request.getContextPath(), 500, "Something went wrong",
                    "Tandem hit an unexpected problem (incident " + incident + "). Please try again; if it persists, give this incident number to your district's IT team.",
                    Map.of());
        }
    }
}
