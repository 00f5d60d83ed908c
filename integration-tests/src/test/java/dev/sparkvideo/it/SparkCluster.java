package dev.sparkvideo.it;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A real Spark standalone cluster: a master and workers, each a separate JVM started from this test's classpath (no
 * Spark download exists here). Spark needs a {@code SPARK_HOME} whose {@code jars/} holds its runtime jars to launch
 * executors: a folder of links to the classpath's jars is made for it, leaving out the jars the test ships with
 * {@code spark.jars} (the connector's single jar with FFmpeg and JavaCPP in it) so that shipping it is exercised for
 * real.
 */
final class SparkCluster implements AutoCloseable {
  /** The JVM flags Spark needs on Java 17. */
  static final List<String> JAVA_FLAGS = List.of(
      "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
      "--add-opens=java.base/java.io=ALL-UNNAMED", "--add-opens=java.base/java.net=ALL-UNNAMED",
      "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/java.util=ALL-UNNAMED",
      "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
      "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED", "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
      "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED", "-Djdk.reflect.useDirectMethodHandle=false");

  private final Path home;
  private final List<Process> processes = new ArrayList<>();
  private final int masterPort;
  private final List<String> shipped = new ArrayList<>();

  /**
   * @param work a directory for SPARK_HOME, logs and work dirs
   * @param workers how many worker JVMs (one core, 1 GB each)
   * @param ship which classpath jars to leave out of SPARK_HOME and ship with spark.jars instead
   * @param omit which classpath jars to leave out of SPARK_HOME (what the shipped jars contain)
   */
  SparkCluster(Path work, int workers, Predicate<String> ship, Predicate<String> omit) throws IOException {
    home = Files.createDirectories(work.resolve("spark-home"));
    Path jars = Files.createDirectories(home.resolve("jars"));
    List<String> classpath = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path p = Path.of(entry);
      String name = p.getFileName().toString();
      if (!name.endsWith(".jar") || name.contains("junit") || name.contains("surefire")
          || name.contains("opentest4j") || name.contains("apiguardian")) {
        continue;
      }
      if (ship.test(name)) {
        shipped.add(p.toAbsolutePath().toString());
        continue;
      }
      if (omit.test(name)) {
        continue;
      }
      classpath.add(p.toAbsolutePath().toString());
      Path link = jars.resolve(name);
      if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        Files.createSymbolicLink(link, p.toAbsolutePath());
      }
    }
    masterPort = freePort();
    Path logs = Files.createDirectories(work.resolve("logs"));
    String cp = String.join(File.pathSeparator, classpath);
    start(cp, logs.resolve("master.log"), "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
        "--port", String.valueOf(masterPort), "--webui-port", String.valueOf(freePort()));
    for (int i = 0; i < workers; i++) {
      Path workDir = Files.createDirectories(work.resolve("worker-" + i));
      start(cp, logs.resolve("worker-" + i + ".log"), "org.apache.spark.deploy.worker.Worker", masterUrl(),
          "--host", "127.0.0.1", "--cores", "1", "--memory", "1536m", "--webui-port", String.valueOf(freePort()),
          "--work-dir", workDir.toString());
    }
  }

  private void start(String cp, Path log, String main, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx512m");
    cmd.addAll(JAVA_FLAGS);
    cmd.add("-Dspark.master.rest.enabled=false");
    cmd.add("-cp");
    cmd.add(cp);
    cmd.add(main);
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("SPARK_HOME", home.toString());
    pb.environment().put("SPARK_SCALA_VERSION", "2.13");
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    processes.add(pb.start());
  }

  String masterUrl() {
    return "spark://127.0.0.1:" + masterPort;
  }

  /** The jars to ship with {@code spark.jars}, as {@code --jars} would. */
  String shippedJars() {
    return String.join(",", shipped);
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }

  /** Stops the workers (and with them their executors) and the master. */
  @Override
  public void close() {
    for (int i = processes.size() - 1; i >= 0; i--) {
      Process p = processes.get(i);
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
    for (Process p : processes) {
      try {
        p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
