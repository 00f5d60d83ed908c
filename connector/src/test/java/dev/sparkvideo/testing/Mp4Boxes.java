package dev.sparkvideo.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Rewrites one box of an ISO base media file (MP4/MOV) in place of another, fixing the size of every box that
 * contains it. Meant for files whose index (moov) comes after the media data, so that no chunk offset moves.
 */
public final class Mp4Boxes {
  private Mp4Boxes() {}

  /**
   * Returns {@code file} with the first box found along {@code path} (box types from the top level down, e.g.
   * moov, trak, mdia, minf, dinf, dref) replaced by {@code replacement}, a whole box with its own header.
   */
  public static byte[] replace(byte[] file, List<String> path, byte[] replacement) {
    ByteBuffer buf = ByteBuffer.wrap(file);
    int[] starts = new int[path.size()];
    int from = 0;
    int to = file.length;
    for (int level = 0; level < path.size(); level++) {
      int at = find(buf, from, to, path.get(level));
      starts[level] = at;
      from = at + 8;
      to = at + buf.getInt(at);
    }
    int oldStart = starts[path.size() - 1];
    int oldSize = buf.getInt(oldStart);
    int delta = replacement.length - oldSize;
    byte[] out = new byte[file.length + delta];
    System.arraycopy(file, 0, out, 0, oldStart);
    System.arraycopy(replacement, 0, out, oldStart, replacement.length);
    System.arraycopy(file, oldStart + oldSize, out, oldStart + replacement.length, file.length - oldStart - oldSize);
    ByteBuffer patched = ByteBuffer.wrap(out);
    for (int level = 0; level < path.size() - 1; level++) {
      patched.putInt(starts[level], buf.getInt(starts[level]) + delta);
    }
    return out;
  }

  private static int find(ByteBuffer buf, int from, int to, String type) {
    int at = from;
    while (at + 8 <= to) {
      long size = Integer.toUnsignedLong(buf.getInt(at));
      String name = new String(buf.array(), at + 4, 4, StandardCharsets.ISO_8859_1);
      if (size < 8) {
        throw new IllegalArgumentException("box " + name + " at " + at + " has a 64-bit or open-ended size");
      }
      if (name.equals(type)) {
        return at;
      }
      at += (int) size;
    }
    throw new IllegalArgumentException("no " + type + " box between bytes " + from + " and " + to);
  }

  /**
   * A data reference box (dref) whose single entry is a Mac alias record ('alis', not self-contained) naming
   * {@code target} relative to the referring file (one level up, one level down), as QuickTime writes for media
   * kept in another file.
   */
  public static byte[] aliasDataReference(String target) {
    byte[] name = target.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream alias = new ByteArrayOutputStream();
    alias.writeBytes(new byte[10]);
    alias.write(0); // volume name length
    alias.writeBytes(new byte[27]);
    alias.writeBytes(new byte[12]);
    alias.write(Math.min(name.length, 63));
    byte[] fileName = new byte[63];
    System.arraycopy(name, 0, fileName, 0, Math.min(name.length, 63));
    alias.writeBytes(fileName);
    alias.writeBytes(new byte[16]);
    alias.writeBytes(new byte[] {0, 1, 0, 1}); // levels up from the alias, down to the target
    alias.writeBytes(new byte[16]);
    int padded = name.length + (name.length & 1);
    alias.writeBytes(new byte[] {0, 2, (byte) (name.length >> 8), (byte) name.length}); // record 2: absolute path
    alias.writeBytes(Arrays.copyOf(name, padded));
    alias.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xFF, 0, 0}); // end of records
    byte[] body = alias.toByteArray();
    ByteBuffer entry = ByteBuffer.allocate(12 + body.length);
    entry.putInt(12 + body.length).put("alis".getBytes(StandardCharsets.ISO_8859_1)).putInt(0).put(body);
    ByteBuffer dref = ByteBuffer.allocate(16 + entry.capacity());
    dref.putInt(dref.capacity()).put("dref".getBytes(StandardCharsets.ISO_8859_1)).putInt(0).putInt(1)
        .put(entry.array());
    return dref.array();
  }
}
