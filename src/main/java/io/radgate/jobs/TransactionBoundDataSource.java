package io.radgate.jobs;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A DataSource that hands the current thread's open transaction, when it has one, to code that
 * only knows DataSources (db-scheduler): the connection it gets cannot be closed, committed or
 * rolled back by that code; the transaction's owner does that. Outside a transaction it is the
 * pool. (Spring's TransactionAwareDataSourceProxy does the same; radgate has no Spring.)
 */
final class TransactionBoundDataSource implements DataSource {
    private final DataSource pool;
    private final ThreadLocal<Connection> current = new ThreadLocal<>();

    TransactionBoundDataSource(DataSource pool) {
        this.pool = pool;
    }

    void bind(Connection c) {
        current.set(c);
    }

    void unbind() {
        current.remove();
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection c = current.get();
        return c == null ? pool.getConnection() : owned(c);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return getConnection();
    }

    private static Connection owned(Connection c) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[]{Connection.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "close", "commit", "rollback" -> {
                            return null;
                        }
                        case "setAutoCommit" -> {
                            if (Boolean.TRUE.equals(args[0])) {
                                return null;
                            }
                        }
                        case "isClosed" -> {
                            return false;
                        }
                        default -> {
                        }
                    }
                    try {
                        return method.invoke(c, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return pool.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        pool.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        pool.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return pool.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return pool.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return pool.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return pool.isWrapperFor(iface);
    }
}
