package io.movierecs.launcher.dlq;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./movie-recs dlq replay TOPIC}: see {@link DlqReplay}. */
@Command(name = "movie-recs dlq", mixinStandardHelpOptions = true, subcommands = DlqCommand.Replay.class,
        description = "Dead-letter topics (<source topic>.dlq).")
public final class DlqCommand implements Runnable {

    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "tools-logback.xml");
        }
        System.exit(new CommandLine(new DlqCommand()).execute(args));
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "a subcommand is required: replay");
    }

    @Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Re-produces the dead letters of TOPIC (key and value unchanged) to their",
                "dlq.source.topic and partition, skipping those marked dlq.replayable=false and those superseded",
                "by a later record with the same key in the source partition. Progress is kept in the consumer",
                "group " + DlqReplay.GROUP + ": a second replay re-injects nothing the first did."})
    static final class Replay implements Callable<Integer> {

        @Parameters(paramLabel = "TOPIC", description = "The dead-letter topic, e.g. catalog.public.movies.dlq"
                + " or movie-vectors.dlq.")
        String topic;

        @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:9092}",
                description = "Kafka (default ${DEFAULT-VALUE}, env KAFKA_BOOTSTRAP_SERVERS).")
        String bootstrapServers;

        @Option(names = "--dry-run", description = "Print what would be replayed; produce and commit nothing.")
        boolean dryRun;

        @Override
        public Integer call() throws Exception {
            new DlqReplay(bootstrapServers, dryRun, System.out).replay(topic);
            return 0;
        }
    }
}
