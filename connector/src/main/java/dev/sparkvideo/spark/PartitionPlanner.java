package dev.sparkvideo.spark;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Turns listed files into partitions the way Spark's file sources do: a file larger than {@code maxPartitionBytes}
 * (when the read can be split) becomes equal time slices, one per partition; smaller files are packed together,
 * largest first, each counted with Spark's {@code spark.sql.files.openCostInBytes}, into partitions of at most
 * {@code min(maxPartitionBytes, max(openCost, total / minPartitions))} bytes, so that thousands of short files make a
 * few tasks while every core still gets work.
 */
final class PartitionPlanner {
  /** Most slices one file is cut into. */
  static final int MAX_SLICES = 10_000;

  private final long maxPartitionBytes;
  private final long openCostInBytes;
  private final int minPartitions;

  /**
   * @param maxPartitionBytes the read's {@code maxPartitionBytes}
   * @param openCostInBytes Spark's estimated cost of opening a file, in bytes
   * @param minPartitions the partitions to aim for at least (Spark's {@code spark.sql.files.minPartitionNum},
   *     by default the cluster's parallelism)
   */
  PartitionPlanner(long maxPartitionBytes, long openCostInBytes, int minPartitions) {
    this.maxPartitionBytes = maxPartitionBytes;
    this.openCostInBytes = Math.max(0, openCostInBytes);
    this.minPartitions = Math.max(1, minPartitions);
  }

  /** The partitions for {@code files}; {@code splittable} says whether a file may be cut into time slices. */
  List<VideoInputPartition> plan(List<ListedFile> files, boolean splittable) {
    List<VideoInputPartition> partitions = new ArrayList<>();
    List<FileSlice> small = new ArrayList<>();
    for (ListedFile file : files) {
      int slices = splittable ? slices(file) : 1;
      if (slices == 1) {
        small.add(FileSlice.whole(file));
      } else {
        for (int k = 0; k < slices; k++) {
          partitions.add(new VideoInputPartition(List.of(new FileSlice(file, k, slices))));
        }
      }
    }
    partitions.addAll(pack(small));
    return partitions;
  }

  private int slices(ListedFile file) {
    if (file.length() <= maxPartitionBytes) {
      return 1;
    }
    long n = (file.length() + maxPartitionBytes - 1) / maxPartitionBytes;
    return (int) Math.min(n, MAX_SLICES);
  }

  private List<VideoInputPartition> pack(List<FileSlice> files) {
    long total = 0;
    for (FileSlice f : files) {
      total += f.length() + openCostInBytes;
    }
    long target = Math.min(maxPartitionBytes, Math.max(openCostInBytes, total / minPartitions));
    List<FileSlice> bySize = new ArrayList<>(files);
    bySize.sort(Comparator.comparingLong(FileSlice::length).reversed());
    List<VideoInputPartition> packed = new ArrayList<>();
    List<FileSlice> current = new ArrayList<>();
    long currentBytes = 0;
    for (FileSlice f : bySize) {
      if (!current.isEmpty() && currentBytes + f.length() > target) {
        packed.add(new VideoInputPartition(current));
        current = new ArrayList<>();
        currentBytes = 0;
      }
      current.add(f);
      currentBytes += f.length() + openCostInBytes;
    }
    if (!current.isEmpty()) {
      packed.add(new VideoInputPartition(current));
    }
    return packed;
  }
}
