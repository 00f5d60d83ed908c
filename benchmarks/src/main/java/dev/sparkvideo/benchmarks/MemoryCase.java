package dev.sparkvideo.benchmarks;

import static dev.sparkvideo.benchmarks.ResultTable.megabytes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Case 6: peak resident size and JavaCPP's physical bytes decoding a 1-minute and a 5-minute 1080p file, and the
 * resident size over 1,000 open/decode/close cycles; each in a fresh child JVM ({@link MemoryProbe}).
 */
final class MemoryCase {
  private static final int CYCLES = 1000;
  private final ResultTable table;

  MemoryCase(ResultTable table) {
    this.table = table;
  }

  void run(Path oneMinute, Path fiveMinutes, Path small) throws Exception {
    Map<String, Long> one = probe("decode", oneMinute.toString());
    Map<String, Long> five = probe("decode", fiveMinutes.toString());
    double rssGrowth = (double) five.get("peakRss") / one.get("peakRss") - 1;
    double physicalGrowth = (double) five.get("peakPhysical") / one.get("peakPhysical") - 1;
    table.add("6", "decode 5 min vs 1 min of 1080p: peak resident size (growth)", megabytes(five.get("peakRss")),
        megabytes(one.get("peakRss")), percent(rssGrowth), "< 5%", rssGrowth < 0.05);
    table.add("6", "decode 5 min vs 1 min of 1080p: peak JavaCPP physical bytes (growth)",
        megabytes(five.get("peakPhysical")), megabytes(one.get("peakPhysical")), percent(physicalGrowth), "< 5%",
        physicalGrowth < 0.05);
    Map<String, Long> cycles = probe("cycles", small.toString(), String.valueOf(CYCLES));
    double cycleGrowth = (double) cycles.get("endRss") / cycles.get("warmRss") - 1;
    table.add("6", String.format(Locale.ROOT, "%,d open/decode/close cycles: resident size after all vs after %d "
        + "(growth)", CYCLES, CYCLES / 10), megabytes(cycles.get("endRss")), megabytes(cycles.get("warmRss")),
        percent(cycleGrowth), "< 5%, no file left open", cycleGrowth < 0.05 && cycles.get("openFiles") == 0);
  }

  private static String percent(double growth) {
    return String.format(Locale.ROOT, "%+.1f%%", 100 * growth);
  }

  /** Runs {@link MemoryProbe} in a child JVM with a 1 GiB pre-touched heap and parses its {@code key=value} line. */
  private static Map<String, Long> probe(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch", "-cp", System.getProperty("java.class.path"),
        MemoryProbe.class.getName()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IOException("MemoryProbe failed: " + output);
    }
    String last = output.strip().lines().reduce((a, b) -> b).orElse("");
    Map<String, Long> values = new HashMap<>();
    for (String pair : last.split(" ")) {
      String[] kv = pair.split("=");
      values.put(kv[0], Long.parseLong(kv[1]));
    }
    return values;
  }
}
