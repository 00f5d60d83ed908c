package dev.sparkvideo.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.javacpp.Loader;

/**
 * The ffmpeg command line of the same FFmpeg build (Bytedeco's, from the natives jar), run as a baseline. Its
 * {@code -loglevel verbose} output ends with what its input read: {@code Statistics: N bytes read, M seeks}. It
 * needs the libraries of the natives jar beside it and, on Debian, the libpulse0 package.
 */
final class FfmpegCli {
  /** USER_HZ, 100 on every Linux architecture Java runs on. */
  private static final int CLOCK_TICKS_PER_SECOND = 100;
  private static final Pattern STATISTICS = Pattern.compile("Statistics: (\\d+) bytes read, (\\d+) seeks");

  private final String executable;

  private FfmpegCli(String executable) {
    this.executable = executable;
  }

  /**
   * Extracts the ffmpeg program from the natives jar.
   *
   * @throws IllegalStateException when it cannot run here (on Debian it needs the libpulse0 package)
   */
  static FfmpegCli load() {
    String path = "the ffmpeg program of Bytedeco's natives jar";
    try {
      path = Loader.load(org.bytedeco.ffmpeg.ffmpeg.class);
      FfmpegCli cli = new FfmpegCli(path);
      cli.run("-version");
      return cli;
    } catch (IOException | RuntimeException | UnsatisfiedLinkError e) {
      throw new IllegalStateException("Cannot run " + path + " (on Debian/Ubuntu: apt-get install libpulse0)", e);
    }
  }

  /**
   * What one run read from its input file, and the CPU time it used on all its threads (user and system).
   */
  record Run(long bytesRead, long seeks, double cpuSeconds) {}

  /**
   * Runs {@code ffmpeg -hide_banner -nostdin -loglevel verbose ARGS} and waits for it.
   *
   * @throws IOException when it cannot start or exits with an error
   */
  Run run(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(executable, "-hide_banner", "-nostdin", "-loglevel", "verbose"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    // The program finds its libraries (libva and others) beside it, where JavaCPP extracted them.
    builder.environment().put("LD_LIBRARY_PATH", Path.of(executable).getParent().toString());
    double cpuBefore = childCpuSeconds();
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      int exit = process.waitFor();
      if (exit != 0) {
        throw new IOException("ffmpeg exited with " + exit + ": " + command + "\n" + tail(output));
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    Matcher m = STATISTICS.matcher(output);
    long bytes = -1;
    long seeks = -1;
    while (m.find()) {
      // Input statistics come first; an output to a file would add its own line.
      if (bytes < 0) {
        bytes = Long.parseLong(m.group(1));
        seeks = Long.parseLong(m.group(2));
      }
    }
    return new Run(bytes, seeks, childCpuSeconds() - cpuBefore);
  }

  /**
   * CPU seconds of this JVM's finished and reaped children (cutime + cstime of /proc/self/stat), or 0 where there is
   * no /proc.
   */
  private static double childCpuSeconds() throws IOException {
    Path stat = Path.of("/proc/self/stat");
    if (!java.nio.file.Files.exists(stat)) {
      return 0;
    }
    String line = java.nio.file.Files.readString(stat);
    // Fields after the command name in parentheses; cutime and cstime are fields 16 and 17 of the whole line.
    String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
    long ticks = Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
    return ticks / (double) CLOCK_TICKS_PER_SECOND;
  }

  private static String tail(String output) {
    return output.length() <= 2000 ? output : output.substring(output.length() - 2000);
  }
}
