import Dispatch

extension Array where Element: Sendable {
    /// `map(transform)` with the elements split in two halves worked on two threads (one for
    /// a short array: a second thread costs more than a few elements). `transform` must be a
    /// pure function of its element: a bulk change's rules on each case of a chunk.
    func mapOnTwoThreads<T>(_ transform: @Sendable (Element) -> T) -> [T] {
        let elements = self
        var out = [T?](repeating: nil, count: count)
        let parts = count > 64 ? 2 : 1, half = (count + 1) / 2
        out.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let buffer = buffer
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                let range = parts == 1 ? 0..<elements.count : (part == 0 ? 0..<half : half..<elements.count)
                for i in range { buffer[i] = transform(elements[i]) }
            }
        }
        return out.compactMap { $0 }  // every place was filled above
    }
}
