package dev.sparkvideo.spark;

import java.io.Serializable;
import org.apache.hadoop.fs.BlockLocation;

/**
 * A file found at planning: what partitions need to open it without asking storage again, and where its blocks are.
 *
 * @param path the file's full URI
 * @param length bytes
 * @param modificationTime milliseconds since the epoch
 * @param blocks block offsets, lengths and hosts (empty when the FileSystem does not say)
 */
record ListedFile(String path, long length, long modificationTime, Block[] blocks) implements Serializable {

  /** One block of a file and the hosts that hold it. */
  record Block(long offset, long length, String[] hosts) implements Serializable {}

  static Block[] blocks(BlockLocation[] locations) {
    if (locations == null) {
      return new Block[0];
    }
    Block[] out = new Block[locations.length];
    for (int i = 0; i < locations.length; i++) {
      String[] hosts;
      try {
        hosts = locations[i].getHosts();
      } catch (java.io.IOException e) {
        hosts = new String[0];
      }
      out[i] = new Block(locations[i].getOffset(), locations[i].getLength(), hosts);
    }
    return out;
  }

  /** The file name: the last segment of the path. */
  String name() {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /** Bytes of {@code [start, end)} on each host that holds some of them. */
  java.util.Map<String, Long> hostBytes(long start, long end) {
    java.util.Map<String, Long> bytes = new java.util.HashMap<>();
    for (Block b : blocks) {
      long overlap = Math.min(end, b.offset() + b.length()) - Math.max(start, b.offset());
      if (overlap > 0) {
        for (String h : b.hosts()) {
          if (!"localhost".equals(h)) {
            bytes.merge(h, overlap, Long::sum);
          }
        }
      }
    }
    return bytes;
  }
}
