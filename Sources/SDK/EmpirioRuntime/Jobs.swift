import Foundation

/// An async job: video, 3D, long transcriptions, and slow image or audio generations.
/// The gateway keeps a job's state for one hour after it completes.
public struct Job: JSONResponse, Hashable {
    public enum Status: Hashable, Sendable {
        case queued, processing, completed, failed
        case other(String)

        init(_ raw: String?) {
            switch raw?.lowercased() {
            case "queued", "pending", "submitted": self = .queued
            case "processing", "running", "in_progress": self = .processing
            case "completed", "succeeded", "success", "done": self = .completed
            case "failed", "error", "cancelled", "canceled", "expired": self = .failed
            default: self = .other(raw ?? "")
            }
        }

        public var isFinished: Bool { self == .completed || self == .failed }
    }

    public var id: String
    public var status: Status
    /// 0 to 1, when the gateway reports it.
    public var progress: Double?
    public var createdAt: String?
    public var completedAt: String?
    /// When completed: the response the synchronous endpoint would have returned.
    public var result: JSONValue?
    /// When failed: the error object.
    public var error: JSONValue?
    /// Where to poll, when the submission says.
    public var pollingURL: String?
    public var raw: JSONValue

    public init(json: JSONValue) throws {
        guard let id = (json["job_id"] ?? json["id"])?.stringValue else { throw ResponseShapeError(path: "job_id", expected: "a string") }
        self.id = id
        raw = json
        status = Status(json["status"]?.stringValue)
        progress = json["progress"]?.doubleValue
        createdAt = json["created_at"]?.stringValue
        completedAt = json["completed_at"]?.stringValue
        result = json["result"].flatMap { $0.isNull ? nil : $0 }
        error = json["error"].flatMap { $0.isNull ? nil : $0 }
        pollingURL = (json["polling_url"] ?? json["poll_url"] ?? json["status_url"])?.stringValue
    }

    /// The result decoded as a response type (for example ``MediaGeneration`` or ``Transcription``).
    public func result<T: JSONResponse>(as type: T.Type) throws(EmpirioError) -> T {
        guard let result else { throw EmpirioError(kind: .job, message: "job \(id) has no result (status \(status))") }
        do {
            return try T(json: result)
        } catch {
            throw EmpirioError(kind: .decoding, message: "could not read \(type) from the result of job \(id): \(error)", bodyExcerpt: EmpirioError.excerpt(Array(result.compactJSON.utf8)))
        }
    }
}

extension EmpirioClient {
    /// `GET /v1/jobs/{id}`.
    public func job(_ id: String, options: RequestOptions = RequestOptions()) async throws(EmpirioError) -> Job {
        try await get(EndpointPath.jobs.appending(id), options: options)
    }

    /// Polls a job until it completes, reporting progress; throws when it fails, when it is gone
    /// (job state is kept one hour after completion) or after `timeout`.
    public func waitForJob(
        _ id: String, pollInterval: Duration = .seconds(2), timeout: Duration = .seconds(1800),
        options: RequestOptions = RequestOptions(), onProgress: (@Sendable (Job) -> Void)? = nil
    ) async throws(EmpirioError) -> Job {
        let elapsed = Self.stopwatch(configuration.clock)
        while true {
            let job: Job
            do {
                job = try await self.job(id, options: options)
            } catch let error where error.status == 404 {
                throw EmpirioError(
                    kind: .job, status: 404, code: error.code,
                    message: "job \(id) was not found: it never existed, or it finished more than an hour ago (the gateway keeps job state for one hour)",
                    requestID: error.requestID)
            }
            onProgress?(job)
            switch job.status {
            case .completed: return job
            case .failed:
                let message = job.error?["message"]?.stringValue ?? job.error?.stringValue ?? job.error?.compactJSON ?? "no reason given"
                throw EmpirioError(kind: .job, code: job.error?["code"]?.stringValue, message: "job \(id) failed: \(message)")
            default: break
            }
            if elapsed() + pollInterval > timeout {
                throw EmpirioError(kind: .timeout, message: "job \(id) did not finish within \(timeout) (last status \(job.status), progress \(job.progress.map { String($0) } ?? "unknown"))")
            }
            do {
                try await Self.sleep(configuration.clock, for: pollInterval)
            } catch {
                throw EmpirioError(kind: .cancelled, message: "waiting for job \(id) was cancelled")
            }
        }
    }
}
