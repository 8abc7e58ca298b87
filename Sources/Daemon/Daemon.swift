import Pipeline

/// The OS boundary: watching `landing/`, claiming files, signals, systemd notification, HTTP.
public enum Daemon {
    /// The product version, as the pipeline records it.
    public static var version: String { Pipeline.version }
}
