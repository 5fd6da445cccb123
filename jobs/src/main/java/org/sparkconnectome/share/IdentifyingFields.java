package org.sparkconnectome.share;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Sidecar and report fields that can identify a person or a scan session, dropped from every
 * JSON file of a shared copy (docs/privacy.md lists them and why).
 */
public final class IdentifyingFields {
  /** Dates, times of day, people, places, devices, free text and links to the source files. */
  public static final Set<String> DROPPED = Set.of(
      // acquisition dates and times of day (DICOM-derived sidecar fields)
      "AcquisitionDateTime", "AcquisitionDate", "AcquisitionTime", "ContentDate", "ContentTime",
      "StudyDate", "StudyTime", "SeriesDate", "SeriesTime", "InstanceCreationDate",
      "InstanceCreationTime", "ScanDate", "DateOfScan",
      // the person
      "PatientName", "PatientID", "PatientBirthDate", "PatientAge", "PatientSex",
      "PatientWeight", "PatientSize", "PatientPosition", "OtherPatientIDs",
      // people and places of the scan
      "InstitutionName", "InstitutionAddress", "InstitutionalDepartmentName", "StationName",
      "DeviceSerialNumber", "ReferringPhysicianName", "PerformingPhysicianName",
      "OperatorsName", "RequestingPhysician", "AccessionNumber", "StudyID",
      "StudyInstanceUID", "SeriesInstanceUID", "SOPInstanceUID", "FrameOfReferenceUID",
      // free text
      "ImageComments", "Comments", "Notes", "PatientComments", "StudyDescription",
      "SeriesDescription", "ProcedureStepDescription", "PerformedProcedureStepDescription",
      "RequestedProcedureDescription", "AdditionalPatientHistory",
      // where the inputs live and hashes that link the copy to the original files
      "DatasetLinks", "input_hashes", "content_hash", "paired_hash");

  /** Any other field named as a date or date-time ({@code ...Date}, {@code ...DateTime}). */
  private static final Pattern DATE_NAME = Pattern.compile(".*Date(Time)?$");

  private IdentifyingFields() {
  }

  /** Whether a JSON field of this name is left out of a shared copy. */
  public static boolean dropped(String field) {
    return DROPPED.contains(field) || DATE_NAME.matcher(field).matches();
  }
}
