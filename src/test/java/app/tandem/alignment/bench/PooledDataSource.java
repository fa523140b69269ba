package app.tandem.alignment.bench;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Keeps physical connections open between uses, as the server's connection pool does: without it every query of
 * the benchmark would pay a PostgreSQL connection set-up, and H2 would close (and compact) its file whenever the
 * last connection closes. close() hands the connection back (auto-commit restored).
 */
final class PooledDataSource implements DataSource {
    private final DataSource target;
    private final Deque<Connection> idle = new ArrayDeque<>();

    PooledDataSource(DataSource target) {
        this.target = target;
    }

    @Override
    public synchronized Connection getConnection() throws SQLException {
        Connection physical = idle.isEmpty() ? target.getConnection() : idle.pop();
        boolean[] closed = {false};
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
            if (method.getName().equals("isClosed")) {
                return closed[0];
            }
            if (method.getName().equals("close")) {
                if (closed[0]) {
                    return null;
                }
                closed[0] = true;
                if (!physical.getAutoCommit()) {
                    physical.rollback();
                    physical.setAutoCommit(true);
                }
                synchronized (this) {
                    idle.push(physical);
                }
                return null;
            }
            try {
                return method.invoke(physical, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return getConnection();
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // not used
    }

    @Override
    public void setLoginTimeout(int seconds) {
        // not used
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return false;
    }
}
