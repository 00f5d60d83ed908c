package dev.sparkvideo.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PartitionPlannerTest {
  private static final long MB = 1 << 20;

  private static ListedFile file(String name, long length) {
    return new ListedFile("file:/videos/" + name, length, 0, new ListedFile.Block[] {
        new ListedFile.Block(0, length, new String[] {"host-" + name.charAt(0)})});
  }

  private static List<ListedFile> files(int n, long length) {
    List<ListedFile> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(file((char) ('a' + i % 3) + "-" + i + ".mp4", length));
    }
    return out;
  }

  private static List<FileSlice> all(List<VideoInputPartition> partitions) {
    return partitions.stream().flatMap(p -> p.slices().stream()).toList();
  }

  @Test
  void smallFilesArePackedIntoAtLeastOnePartitionPerCore() {
    List<ListedFile> files = files(240, MB);
    List<VideoInputPartition> partitions = new PartitionPlanner(128 * MB, 4 * MB, 2).plan(files, true);
    // 240 x (1 MB + 4 MB open cost) over 2 cores: 600 MB per core, capped at 128 MB per partition.
    assertTrue(partitions.size() >= 2 && partitions.size() <= 12, partitions.size() + " partitions");
    assertEquals(240, all(partitions).size(), "every file once");
    assertEquals(240, all(partitions).stream().map(s -> s.file().path()).distinct().count());
    assertTrue(all(partitions).stream().allMatch(s -> s.slices() == 1), "small files are read whole");
  }

  @Test
  void fewFilesStillSpreadOverTheCores() {
    List<VideoInputPartition> partitions = new PartitionPlanner(128 * MB, 4 * MB, 8).plan(files(8, 10 * MB), true);
    assertEquals(8, partitions.size(), "8 files of 14 MB with the open cost, 8 cores: one file each");
  }

  @Test
  void largeFilesAreSlicedAndSmallOnesPackedBeside() {
    List<ListedFile> files = new ArrayList<>(files(10, MB));
    files.add(file("big.mp4", 300 * MB));
    List<VideoInputPartition> partitions = new PartitionPlanner(128 * MB, 4 * MB, 2).plan(files, true);
    List<FileSlice> big = all(partitions).stream().filter(s -> s.file().path().endsWith("big.mp4")).toList();
    assertEquals(3, big.size(), "300 MB in slices of at most 128 MB");
    assertTrue(partitions.stream().filter(p -> p.slices().stream().anyMatch(big::contains))
        .allMatch(p -> p.slices().size() == 1), "each slice of a large file is a partition of its own");
    assertEquals(13, all(partitions).size());
  }

  @Test
  void unsplittableReadsKeepLargeFilesWhole() {
    List<VideoInputPartition> partitions = new PartitionPlanner(128 * MB, 4 * MB, 2)
        .plan(List.of(file("big.mp4", 300 * MB)), false);
    assertEquals(1, partitions.size());
    assertEquals(1, partitions.get(0).slices().get(0).slices());
  }

  @Test
  void preferredHostsAreThoseWithTheMostBytes() {
    VideoInputPartition p = new VideoInputPartition(List.of(FileSlice.whole(file("a-1.mp4", 3 * MB)),
        FileSlice.whole(file("b-1.mp4", MB)), FileSlice.whole(file("a-2.mp4", MB))));
    assertEquals("host-a", p.preferredLocations()[0]);
    assertEquals(2, p.preferredLocations().length);
  }
}
