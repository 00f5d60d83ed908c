package dev.sparkvideo.ffmpeg;

import java.util.Optional;
import java.util.Set;

/**
 * The fields of an H.264 sequence parameter set that decide what FFmpeg's decoder reports for a stream: chroma format
 * and bit depth (the pixel format), coded size and cropping, the VUI's sample aspect ratio and colour description.
 * Read from an MP4/MOV {@code avcC} decoder configuration record, which ISO/IEC 14496-15 requires to hold the
 * parameter sets the stream uses.
 *
 * @param chromaFormatIdc 1 (4:2:0), 2 (4:2:2) or 3 (4:4:4)
 * @param bitDepth luma and chroma bit depth
 * @param codedWidth width in whole macroblocks
 * @param codedHeight height in whole macroblocks
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
 */
record H264SequenceParameters(
    int chromaFormatIdc,
    int bitDepth,
    int codedWidth,
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
    int matrixCoefficients) {

  /** Profiles whose SPS carries chroma format, bit depths and scaling matrices (the list in FFmpeg's h264_ps.c). */
  private static final Set<Integer> HIGH_PROFILES = Set.of(100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 144);
  private static final Set<Integer> BIT_DEPTHS = Set.of(8, 9, 10, 12, 14);
  private static final int NAL_SPS = 7;
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
    try {
      return Optional.ofNullable(parseRecord(avcC));
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
    long pocType = r.unsignedGolomb();
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
    if (!r.flag()) {
      return null; // field or MBAFF coding: leave interlaced streams to the decoder
    }
    if (widthMbs > 1 << 12 || heightMapUnits > 1 << 12) {
      return null;
    }
    int width = (int) widthMbs * 16;
    int height = (int) heightMapUnits * 16;
    r.flag(); // direct_8x8_inference_flag
    int stepX = chroma == 3 ? 1 : 2;
    int stepY = chroma == 1 ? 2 : 1;
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
    }
    return new H264SequenceParameters(chroma, bitDepth, width, height, crop[0], crop[1], crop[2], crop[3], sarNum,
        sarDen, signalType, fullRange, colourDescription, primaries, transfer, matrix);
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
