import HeardCore

extension ContactKind {
    /// Complaints and enquiries go through a procedure; compliments and comments are counted.
    /// (The same kinds `Move.available` offers moves for.)
    var offersWorkflow: Bool { self == .complaint || self == .enquiry || self == .memberEnquiry }
}
