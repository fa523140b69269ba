package app.tandem.common;

import java.net.http.HttpClient;

/**
 * Builds JDK HTTP clients whose threads do not pin the application. A client's selector thread lives as long as the
 * client and inherits the building thread's context class loader: built from an application thread, it would keep
 * the application's class loader (and all it reaches) alive after an undeploy, and with it the client itself.
 */
public final class HttpClients {
    private HttpClients() {
    }

    public static HttpClient build(HttpClient.Builder builder) {
        Thread current = Thread.currentThread();
        ClassLoader loader = current.getContextClassLoader();
        current.setContextClassLoader(null);
        try {
            return builder.build();
        } finally {
            current.setContextClassLoader(loader);
        }
    }
}
