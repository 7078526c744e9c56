package dev.newsstream.cli;

import dev.newsstream.producer.ProduceCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code newsstream} command. Subcommands: {@code demo} (everything on an in-process broker),
 * {@code produce}, {@code process}, {@code tag} (offline tagger), {@code sentiment} (VADER on stdin lines),
 * {@code bench}. The only place that calls {@link System#exit}.
 */
@Command(name = "newsstream", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Who said what, for which side, in what stance and tone: live tables from a stream of news.",
        footer = {"", "Every option of a command: newsstream COMMAND --help (or newsstream help COMMAND)."},
        subcommands = {DemoCommand.class, ProduceCommand.class, ProcessCommand.class, TagCommand.class,
                SentimentCommand.class, BenchCommand.class, TrainStanceCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code (tests call this instead of {@link #main}). */
    public static int run(String... args) {
        return new CommandLine(new Main())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    cmd.getErr().println("newsstream " + cmd.getCommandName() + ": " + describe(e));
                    return e instanceof IllegalArgumentException ? 2 : 1;
                })
                .execute(args);
    }

    static String describe(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The version the build wrote into {@code version.properties} (so it is right from classes and from the jar). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"newsstream " + version() + " (Kafka " + dev.newsstream.kafka.KafkaVersion.VERSION
                    + ", Java " + Runtime.version() + ")"};
        }

        static String version() {
            java.util.Properties p = new java.util.Properties();
            try (java.io.InputStream in = Main.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            } catch (java.io.IOException e) {
                return "unknown (" + e.getMessage() + ")";
            }
            String v = p.getProperty("version");
            return v == null || v.contains("${") ? "unknown (built without resource filtering)" : v;
        }
    }
}
