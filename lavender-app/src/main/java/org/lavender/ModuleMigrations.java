package org.lavender;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * One Flyway migration set per module: the scripts under {@code db/migration/<module>/} create and evolve the
 * schema {@code <module>}, with that schema's own history table. No module reads another module's tables,
 * so the sets are independent and run in name order.
 */
@Component("flywayModuleMigrations")
class ModuleMigrations implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(ModuleMigrations.class);
    private final DataSource dataSource;

    ModuleMigrations(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void afterPropertiesSet() {
        for (String module : modulesWithMigrations()) {
            var result = Flyway.configure()
                    .dataSource(dataSource)
                    .schemas(module)
                    .createSchemas(true)
                    .locations("classpath:db/migration/" + module)
                    .load()
                    .migrate();
            if (result.migrationsExecuted > 0) {
                log.info("Schema {}: {} migration(s) applied, now at {}", module, result.migrationsExecuted,
                        result.targetSchemaVersion);
            }
        }
    }

    static TreeSet<String> modulesWithMigrations() {
        try {
            var modules = new TreeSet<String>();
            for (Resource r : new PathMatchingResourcePatternResolver()
                    .getResources("classpath*:db/migration/*/V*__*.sql")) {
                String url = r.getURL().toString();
                String dir = url.substring(0, url.lastIndexOf('/'));
                modules.add(dir.substring(dir.lastIndexOf('/') + 1));
            }
            return modules;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
