import Chaos
import Dispatch
import Foundation

/// The burn-in's `posts.jsonl` writer: one line per post before its request and one when it is acknowledged,
/// each flushed to disk before the request goes on, so a killed burn-in knows every post that may exist. The
/// writes (with their `fsync`) run on a serial queue of their own, never on Swift's cooperative pool.
final class PostsJournal: PostJournal {
    private let files: BurninFiles
    private let queue = DispatchQueue(label: "burnin.posts-journal")

    init(files: BurninFiles) {
        self.files = files
    }

    func sending(_ content: String) async {
        await write(BurninFiles.PostLine(content: content, id: nil))
    }

    func acknowledged(_ post: AcknowledgedPost) async {
        await write(BurninFiles.PostLine(content: post.content, id: post.id))
    }

    private func write(_ line: BurninFiles.PostLine) async {
        let files = files
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            queue.async {
                do {
                    try files.append(line, to: files.postsPath)
                } catch {
                    Output.printError("cannot write \(files.postsPath): \(error)")
                }
                continuation.resume()
            }
        }
    }
}
