package org.lavender;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * A DataSource that counts the SQL statements created through it, to prove that a lookup costs a fixed number of
 * queries whatever the size of its batch. Build the repositories under test on {@code JdbcClient.create(counter)}.
 */
public final class StatementCounter extends DelegatingDataSource {

    private final AtomicInteger statements = new AtomicInteger();

    public StatementCounter(DataSource target) {
        super(target);
    }

    /** How many statements the work created. */
    public int count(Runnable work) {
        int before = statements.get();
        work.run();
        return statements.get() - before;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return counting(super.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return counting(super.getConnection(username, password));
    }

    private Connection counting(Connection connection) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    String name = method.getName();
                    if (name.equals("createStatement") || name.equals("prepareStatement")
                            || name.equals("prepareCall")) {
                        statements.incrementAndGet();
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
