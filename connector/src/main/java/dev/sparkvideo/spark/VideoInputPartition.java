package dev.sparkvideo.spark;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.connector.read.InputPartition;

/**
 * One task's work: one time slice of a large file, or several whole small files read one after the other (as
 * Spark's file sources pack small files into one partition). Prefers the hosts holding most of its bytes.
 */
record VideoInputPartition(List<FileSlice> slices) implements InputPartition {

  VideoInputPartition {
    slices = List.copyOf(slices);
  }

  /** Hosts holding the most bytes of all slices, at most three, as Spark's file partitions report them. */
  @Override
  public String[] preferredLocations() {
    Map<String, Long> bytes = new HashMap<>();
    for (FileSlice s : slices) {
      s.file().hostBytes(s.byteStart(), s.byteEnd()).forEach((host, n) -> bytes.merge(host, n, Long::sum));
    }
    return bytes.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(3).map(Map.Entry::getKey).toArray(String[]::new);
  }
}
