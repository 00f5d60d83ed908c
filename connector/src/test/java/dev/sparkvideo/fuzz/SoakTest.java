package dev.sparkvideo.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Thousands of open, decode, close cycles over every container and codec in one JVM leave its resident memory flat
 * after warm-up: nothing native leaks per file (a leak of 10 KB per file would add 25 MB here).
 */
class SoakTest {
  private static final int CYCLES = 3000;
  private static final int WARMUP = 500;
  private static final long MAX_GROWTH = 24L << 20;

  @Test
  void residentMemoryStaysFlatOverThousandsOfFiles() throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xms256m", "-Xmx256m", "-XX:+AlwaysPreTouch", "-XX:+UseSerialGC", "-cp",
        System.getProperty("java.class.path"), SoakDriver.class.getName(), String.valueOf(CYCLES),
        String.valueOf(WARMUP)));
    cmd.addAll(FuzzTest.sources());
    Path log = Files.createDirectories(Path.of("target", "soak")).resolve("child-stderr.log");
    Process child = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
    String result = null;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
        StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith("RSS ")) {
          result = line;
        }
      }
    }
    assertTrue(child.waitFor(10, TimeUnit.MINUTES), "soak finished");
    assertEquals(0, child.exitValue(), "soak JVM exit; stderr in " + log);
    assertTrue(result != null, "soak reported");
    System.out.println("Soak of " + CYCLES + " files: " + result);
    long warm = Long.parseLong(result.replaceAll(".*warm=(\\d+).*", "$1"));
    long end = Long.parseLong(result.replaceAll(".*end=(\\d+).*", "$1"));
    assertTrue(result.endsWith("open=0"), result);
    assertTrue(end - warm < MAX_GROWTH, "resident memory grew by " + (end - warm) + " bytes after warm-up: " + result);
  }
}
