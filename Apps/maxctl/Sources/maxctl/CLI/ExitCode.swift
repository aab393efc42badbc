/// maxctl's exit codes, following monitoring-plugin conventions (Nagios, Icinga, Sensu).
enum ExitCode: Int32 {
    /// Everything checked is healthy.
    case ok = 0
    /// Reachable, but something needs attention (a threshold, a risky setting).
    case warning = 1
    /// A dependency is down or unhealthy.
    case critical = 2
    /// The state could not be determined: bad arguments, the API unreachable.
    case unknown = 3
}
