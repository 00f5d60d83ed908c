package dev.sparkvideo.spark;

import dev.sparkvideo.io.HadoopSeekableInput;
import dev.sparkvideo.io.ReadExtents;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.execution.datasources.PartitionedFile;

/**
 * How much of each end of a file to fetch when it opens, learned from the files of the same kind (by extension)
 * that the task read before: the first files get {@code base} bytes at each end; after that, each end is what the
 * largest earlier file of that kind used (with a quarter more, up to {@value #MOST} bytes). Files of one catalog
 * mostly share their layout (a camera's MP4s with the index last, Matroska files whose probe reads a few hundred
 * KB), so a file's header, index and first packets then arrive in the one request made as it opens. A guess too
 * small costs a round trip, as without it; one too large costs bytes.
 */
final class EndSizes {
  /** The most bytes learned for one end. */
  static final int MOST = 1 << 20;
  private static final int GRAIN = 64 << 10;

  private final int base;
  private final Map<String, int[]> learned = new HashMap<>();
  private String lastKind;
  private HadoopSeekableInput last;

  EndSizes(int base) {
    this.base = base;
  }

  /** The head and tail sizes for {@code file}. */
  int[] of(PartitionedFile file) {
    int[] sizes = learned.get(kind(file));
    return sizes == null ? new int[] {base, base} : sizes.clone();
  }

  /** Remembers the input just handed over, to learn from once it has been read. */
  void taken(PartitionedFile file, HadoopSeekableInput input) {
    lastKind = kind(file);
    last = input;
  }

  /**
   * Learns from the input handed over last, which its reader is done with when the next file is asked for.
   *
   * @return the kind of file whose sizes grew, or {@code null}
   */
  String learnFromLast() {
    if (last == null) {
      return null;
    }
    ReadExtents used = last.extents();
    last = null;
    int[] sizes = learned.computeIfAbsent(lastKind, k -> new int[] {base, base});
    int head = Math.max(sizes[0], size(used.head()));
    int tail = Math.max(sizes[1], size(used.tail()));
    if (head == sizes[0] && tail == sizes[1]) {
      return null;
    }
    sizes[0] = head;
    sizes[1] = tail;
    return lastKind;
  }

  private int size(long used) {
    long padded = used + used / 4;
    long rounded = (padded + GRAIN - 1) / GRAIN * GRAIN;
    return (int) Math.max(base, Math.min(rounded, Math.max(MOST, base)));
  }

  /** The kind of a file: its extension, in lower case. */
  static String kind(PartitionedFile file) {
    String name = file.toPath().getName();
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
  }
}
