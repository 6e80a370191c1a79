/// Province names for filters and pickers: pre-2025 and post-2025, matched loosely.
public enum ProvinceNames {
  public static func province(named name: String) -> String? { Places.province(named: name) }

  public static func province2025(of province: String) -> String? { Places.province2025(of: province) }

  /// The pre-2025 provinces merged into a post-2025 one (`Ninh Bình` → Hà Nam, Nam Định, Ninh Bình).
  public static func oldProvinces(mergedInto name: String) -> [String] {
    Places.oldProvinces(mergedInto: name)
  }
}
