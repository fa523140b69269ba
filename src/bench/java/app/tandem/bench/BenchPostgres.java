package app.tandem.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real PostgreSQL (zonky embedded binaries) for the launch load on PostgreSQL: listens on the given port
 * (default 55439), writes its JVM's pid to /tmp/tandem-bench-pg.pid and the data directory (with postmaster.pid) to /tmp/tandem-bench-pg.dir and prints "postgres ready" when it can be used.
 * Runs until this JVM gets SIGTERM, which also stops the postmaster. The data directory is a fresh temp folder,
 * never under target/.
 */
public final class BenchPostgres {
    private BenchPostgres() {
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 55439;
        Path dir = Files.createTempDirectory("tandem-bench-pg");
        EmbeddedPostgres pg = EmbeddedPostgres.builder().setPort(port).setDataDirectory(dir).setCleanDataDirectory(true)
                .setServerConfig("max_connections", "100")
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                pg.close();
            } catch (Exception ignored) {
                // stopping anyway
            }
        }));
        Files.writeString(Path.of("/tmp/tandem-bench-pg.pid"), Long.toString(ProcessHandle.current().pid()));
        Files.writeString(Path.of("/tmp/tandem-bench-pg.dir"), dir.toString());
        System.out.println("postgres ready on port " + port + " (data " + dir + ")");
        Thread.currentThread().join();
    }
}
