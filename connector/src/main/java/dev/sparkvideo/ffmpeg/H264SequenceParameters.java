package dev.sparkvideo.ffmpeg;

import java.util.Optional;
import java.util.Set;

/**
 * The fields of an H.264 sequence parameter set that decide what FFmpeg's decoder reports for a stream: chroma format
 * and bit depth (the pixel format), coded size and cropping, the VUI's sample aspect ratio and colour description,
 * and the reorder depth its bitstream restriction declares. Read from a stream's codec configuration: an MP4/MOV or
 * Matroska {@code avcC} decoder configuration record, which ISO/IEC 14496-15 requires to hold the parameter sets the
 * stream uses, or the Annex B parameter sets FFmpeg's parser takes from an elementary stream (MPEG-TS, PS).
 *
 * @param chromaFormatIdc 1 (4:2:0), 2 (4:2:2) or 3 (4:4:4)
 * @param bitDepth luma and chroma bit depth
 * @param pocType {@code pic_order_cnt_type}: 2 means pictures are shown in decoding order (no reordering)
 * @param codedWidth width in whole macroblocks
 * @param progressive whether the stream codes frames only ({@code frame_mbs_only_flag}), no fields
 * @param codedHeight height in whole macroblocks (of a frame: both fields where the stream codes fields)
 * @param cropLeft pixels cropped on the left
 * @param cropRight pixels cropped on the right
 * @param cropTop pixels cropped at the top
 * @param cropBottom pixels cropped at the bottom
 * @param sarNum sample aspect ratio numerator (0 when the VUI gives none)
 * @param sarDen sample aspect ratio denominator
 * @param signalTypePresent whether the VUI has a video signal type (range, and maybe colour description)
 * @param fullRange the VUI's video_full_range_flag
 * @param colourDescriptionPresent whether the VUI describes primaries, transfer and matrix
 * @param colourPrimaries the VUI's colour_primaries (H.273 code, as FFmpeg's AVColorPrimaries)
 * @param transferCharacteristics the VUI's transfer_characteristics (as AVColorTransferCharacteristic)
 * @param matrixCoefficients the VUI's matrix_coefficients (as AVColorSpace)
 * @param reorderFrames the VUI bitstream restriction's {@code max_num_reorder_frames}: how many frames the decoder
 *     holds back to return them in display order, or -1 where the parameter set declares none (FFmpeg's decoder then
 *     guesses the depth from the order of the pictures it decodes)
 */
record H264SequenceParameters(
    int chromaFormatIdc,
    int bitDepth,
    int pocType,
    int codedWidth,
    boolean progressive,
    int codedHeight,
    int cropLeft,
    int cropRight,
    int cropTop,
    int cropBottom,
    int sarNum,
    int sarDen,
    boolean signalTypePresent,
    boolean fullRange,
    boolean colourDescriptionPresent,
    int colourPrimaries,
    int transferCharacteristics,
    int matrixCoefficients,
    int reorderFrames) {

  /** Profiles whose SPS carries chroma format, bit depths and scaling matrices (the list in FFmpeg's h264_ps.c). */
  private static final Set<Integer> HIGH_PROFILES = Set.of(100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 144);
  private static final Set<Integer> BIT_DEPTHS = Set.of(8, 9, 10, 12, 14);
  private static final int NAL_SPS = 7;
  /** The most frames H.264 may reorder (FFmpeg refuses a larger max_num_reorder_frames). */
  private static final int MAX_REORDER_FRAMES = 16;
  private static final int MAX_CPB_COUNT = 32;
  private static final int EXTENDED_SAR = 255;
  /** H.264 Table E-1, sample aspect ratios by aspect_ratio_idc. */
  private static final int[][] SAR_TABLE = {
      {0, 1}, {1, 1}, {12, 11}, {10, 11}, {16, 11}, {40, 33}, {24, 11}, {20, 11}, {32, 11}, {80, 33}, {18, 11},
      {15, 11}, {64, 33}, {160, 99}, {4, 3}, {3, 2}, {2, 1}};

  /**
   * The SPS of an {@code avcC} record holding exactly one, if it describes a stream whose reported parameters follow
   * from it alone: progressive frames, equal luma and chroma depth of 8, 9, 10, 12 or 14 bits, colour (not
   * monochrome) without separate colour planes, a known sample aspect ratio code. Anything else, including a record
   * that does not parse, is empty: the caller then lets FFmpeg decode to learn the parameters.
   */
  static Optional<H264SequenceParameters> fromAvcConfiguration(byte[] avcC) {
    return parse(avcC, true).filter(H264SequenceParameters::progressive);
  }

  /**
   * The first SPS of a stream's codec configuration: an {@code avcC} record holding exactly one, or Annex B parameter
   * sets (start codes before each NAL unit), progressive or not, under the same conditions on depth, chroma and
   * aspect ratio as {@link #fromAvcConfiguration}; empty for anything else.
   */
  static Optional<H264SequenceParameters> fromExtradata(byte[] extradata) {
    return parse(extradata, extradata.length > 0 && extradata[0] == 1);
  }

  private static Optional<H264SequenceParameters> parse(byte[] extradata, boolean avcC) {
    try {
      return Optional.ofNullable(avcC ? parseRecord(extradata) : parseAnnexB(extradata));
    } catch (IllegalStateException | ArrayIndexOutOfBoundsException e) {
      return Optional.empty();
    }
  }

  private static H264SequenceParameters parseRecord(byte[] avcC) {
    if (avcC.length < 8 || avcC[0] != 1 || (avcC[5] & 0x1f) != 1) {
      return null; // not an avcC record, or not exactly one SPS
    }
    int length = ((avcC[6] & 0xff) << 8) | (avcC[7] & 0xff);
    if (length < 2 || 8 + length > avcC.length || (avcC[8] & 0x1f) != NAL_SPS) {
      return null;
    }
    return parseSps(BitReader.ofNalUnit(avcC, 9, length - 1));
  }

  /** The first SPS among NAL units each after a start code ({@code 00 00 01}, or four bytes with a leading zero). */
  private static H264SequenceParameters parseAnnexB(byte[] bytes) {
    int start = nextStartCode(bytes, 0);
    while (start >= 0 && start < bytes.length) {
      int next = nextStartCode(bytes, start);
      int end = next < 0 ? bytes.length : next - 3;
      while (end > start && bytes[end - 1] == 0) {
        end--; // trailing zeros, and the leading zero of a four-byte start code
      }
      if (end - start >= 2 && (bytes[start] & 0x1f) == NAL_SPS) {
        return parseSps(BitReader.ofNalUnit(bytes, start + 1, end - start - 1));
      }
      start = next;
    }
    return null;
  }

  /** The index just after the first {@code 00 00 01} at or after {@code from}, or -1. */
  private static int nextStartCode(byte[] bytes, int from) {
    for (int i = from; i + 2 < bytes.length; i++) {
      if (bytes[i] == 0 && bytes[i + 1] == 0 && bytes[i + 2] == 1) {
        return i + 3;
      }
    }
    return -1;
  }

  private static H264SequenceParameters parseSps(BitReader r) {
    int profile = r.bits(8);
    r.bits(16); // constraint flags, reserved bits, level_idc
    r.unsignedGolomb(); // seq_parameter_set_id
    int chroma = 1;
    int bitDepth = 8;
    if (HIGH_PROFILES.contains(profile)) {
      chroma = (int) r.unsignedGolomb();
      if (chroma == 3 && r.flag()) {
        return null; // separate colour planes: FFmpeg refuses them
      }
      bitDepth = (int) r.unsignedGolomb() + 8;
      int chromaDepth = (int) r.unsignedGolomb() + 8;
      if (chromaDepth != bitDepth) {
        return null;
      }
      r.flag(); // qpprime_y_zero_transform_bypass_flag
      if (r.flag()) {
        skipScalingLists(r, chroma == 3 ? 12 : 8);
      }
    }
    if (chroma < 1 || chroma > 3 || !BIT_DEPTHS.contains(bitDepth)) {
      return null;
    }
    r.unsignedGolomb(); // log2_max_frame_num_minus4
    int pocType = (int) Math.min(r.unsignedGolomb(), Integer.MAX_VALUE);
    if (pocType == 0) {
      r.unsignedGolomb();
    } else if (pocType == 1) {
      r.flag();
      r.signedGolomb();
      r.signedGolomb();
      long cycle = r.unsignedGolomb();
      if (cycle > 255) {
        return null;
      }
      for (long i = 0; i < cycle; i++) {
        r.signedGolomb();
      }
    } else if (pocType != 2) {
      return null;
    }
    r.unsignedGolomb(); // max_num_ref_frames
    r.flag(); // gaps_in_frame_num_value_allowed_flag
    long widthMbs = r.unsignedGolomb() + 1;
    long heightMapUnits = r.unsignedGolomb() + 1;
    boolean progressive = r.flag(); // frame_mbs_only_flag
    if (!progressive) {
      r.flag(); // mb_adaptive_frame_field_flag
    }
    if (widthMbs > 1 << 12 || heightMapUnits > 1 << 12) {
      return null;
    }
    int fieldFactor = progressive ? 1 : 2;
    int width = (int) widthMbs * 16;
    int height = (int) heightMapUnits * 16 * fieldFactor;
    r.flag(); // direct_8x8_inference_flag
    int stepX = chroma == 3 ? 1 : 2;
    int stepY = (chroma == 1 ? 2 : 1) * fieldFactor;
    int[] crop = new int[4];
    if (r.flag()) {
      for (int i = 0; i < 4; i++) {
        long c = r.unsignedGolomb();
        if (c > width) {
          return null;
        }
        crop[i] = (int) c * (i < 2 ? stepX : stepY);
      }
      if (crop[0] + crop[1] >= width || crop[2] + crop[3] >= height) {
        return null;
      }
    }
    int sarNum = 0;
    int sarDen = 1;
    boolean signalType = false;
    boolean fullRange = false;
    boolean colourDescription = false;
    int primaries = 2;
    int transfer = 2;
    int matrix = 2;
    int reorderFrames = -1;
    if (r.flag()) { // vui_parameters_present_flag
      if (r.flag()) { // aspect_ratio_info_present_flag
        int idc = r.bits(8);
        if (idc == EXTENDED_SAR) {
          sarNum = r.bits(16);
          sarDen = r.bits(16);
        } else if (idc < SAR_TABLE.length) {
          sarNum = SAR_TABLE[idc][0];
          sarDen = SAR_TABLE[idc][1];
        } else {
          return null;
        }
      }
      if (r.flag()) { // overscan_info_present_flag
        r.flag();
      }
      signalType = r.flag();
      if (signalType) {
        r.bits(3); // video_format
        fullRange = r.flag();
        colourDescription = r.flag();
        if (colourDescription) {
          primaries = r.bits(8);
          transfer = r.bits(8);
          matrix = r.bits(8);
        }
      }
      reorderFrames = declaredReorderFrames(r);
    }
    return new H264SequenceParameters(chroma, bitDepth, pocType, width, progressive, height, crop[0], crop[1], crop[2],
        crop[3], sarNum, sarDen, signalType, fullRange, colourDescription, primaries, transfer, matrix,
        reorderFrames);
  }

  /**
   * The rest of the VUI, up to its bitstream restriction's {@code max_num_reorder_frames}; -1 where there is none or
   * where FFmpeg would not take it (the VUI ends early, or is invalid: FFmpeg ignores a VUI error and keeps the
   * fields read before it).
   */
  private static int declaredReorderFrames(BitReader r) {
    try {
      if (r.flag()) { // chroma_loc_info_present_flag
        r.unsignedGolomb();
        r.unsignedGolomb();
      }
      if (r.flag()) { // timing_info_present_flag
        int unitsInTick = r.bits(32);
        int timeScale = r.bits(32);
        r.flag(); // fixed_frame_rate_flag
        if (unitsInTick == 0 || timeScale == 0) {
          return -1;
        }
      }
      boolean nalHrd = r.flag() && skipHrdParameters(r);
      boolean vclHrd = r.flag() && skipHrdParameters(r);
      if (nalHrd || vclHrd) {
        r.flag(); // low_delay_hrd_flag
      }
      r.flag(); // pic_struct_present_flag
      if (!r.flag()) { // bitstream_restriction_flag
        return -1;
      }
      r.flag(); // motion_vectors_over_pic_boundaries_flag
      for (int i = 0; i < 4; i++) {
        r.unsignedGolomb(); // max_bytes_per_pic_denom, max_bits_per_mb_denom, log2_max_mv_length_{horizontal,vertical}
      }
      long reorder = r.unsignedGolomb();
      r.unsignedGolomb(); // max_dec_frame_buffering
      return reorder <= MAX_REORDER_FRAMES ? (int) reorder : -1;
    } catch (IllegalStateException e) {
      return -1;
    }
  }

  /** Skips {@code hrd_parameters()}; returns true, or throws where FFmpeg refuses them (more than 32 CPBs). */
  private static boolean skipHrdParameters(BitReader r) {
    long cpbCount = r.unsignedGolomb() + 1;
    if (cpbCount > MAX_CPB_COUNT) {
      throw new IllegalStateException("cpb_count " + cpbCount);
    }
    r.bits(8); // bit_rate_scale, cpb_size_scale
    for (long i = 0; i < cpbCount; i++) {
      r.unsignedGolomb(); // bit_rate_value_minus1
      r.unsignedGolomb(); // cpb_size_value_minus1
      r.flag(); // cbr_flag
    }
    r.bits(20); // the lengths of the CPB removal delays, the DPB output delay and the time offset
    return true;
  }

  /** Skips {@code count} scaling lists (the first six 4x4, the rest 8x8), checking each delta as FFmpeg does. */
  private static void skipScalingLists(BitReader r, int count) {
    for (int list = 0; list < count; list++) {
      if (!r.flag()) {
        continue;
      }
      int size = list < 6 ? 16 : 64;
      int last = 8;
      int next = 8;
      for (int i = 0; i < size; i++) {
        if (next != 0) {
          long delta = r.signedGolomb();
          if (delta < -128 || delta > 127) {
            throw new IllegalStateException("scaling list delta out of range");
          }
          next = (int) ((last + delta) & 0xff);
        }
        if (i == 0 && next == 0) {
          break;
        }
        last = next != 0 ? next : last;
      }
    }
  }
}
