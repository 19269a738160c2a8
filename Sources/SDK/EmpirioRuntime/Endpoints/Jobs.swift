import Foundation

/// An async job: video, 3D, long transcriptions, and slow image or audio generations.
/// The gateway keeps a job's state for one hour after it completes.
public struct Job: JSONResponse, Hashable {
    /// Where a job is: the gateway's spellings (`pending`, `running`, `succeeded`, ...) read as four
    /// states; anything else is ``other(_:)``.
    public enum Status: Hashable, Sendable {
        /// Waiting to start; running; done with a result; failed, cancelled or expired.
        case queued, processing, completed, failed
        /// A status the client does not know.
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

        /// Whether the job is over: ``completed`` or ``failed``.
        public var isFinished: Bool { self == .completed || self == .failed }
    }

    /// The job's id (`job_id`).
    public var id: String
    /// Where the job is.
    public var status: Status
    /// 0 to 1, when the gateway reports it.
    public var progress: Double?
    /// When it was created, as the gateway writes it.
    public var createdAt: String?
    /// When it completed, as the gateway writes it.
    public var completedAt: String?
    /// When completed: the response the synchronous endpoint would have returned.
    public var result: JSONValue?
    /// When failed: the error object.
    public var error: JSONValue?
    /// Where to poll, when the submission says.
    public var pollingURL: String?
    /// The whole job object, as JSON.
    public var raw: JSONValue

    /// Reads a job from its JSON.
    ///
    /// - Parameter json: the submission's or a poll's response.
    /// - Throws: ``ResponseShapeError`` when it has no `job_id` or `id`.
    public init(json: JSONValue) throws {
        guard let id = (json["job_id"] ?? json["id"])?.stringValue else {
            throw ResponseShapeError(path: "job_id", expected: "a string")
        }
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
    ///
    /// - Parameter type: the response type to read.
    /// - Returns: the result as `type`.
    /// - Throws: ``EmpirioError``: `.job` when the job has no result, `.decoding` when it does not fit.
    public func result<T: JSONResponse>(as type: T.Type) throws(EmpirioError) -> T {
        guard let result else { throw EmpirioError(kind: .job, message: "job \(id) has no result (status \(status))") }
        do {
            return try T(json: result)
        } catch {
            throw EmpirioError(
                kind: .decoding, message: "could not read \(type) from the result of job \(id): \(error)",
                bodyExcerpt: EmpirioError.excerpt(Array(result.compactJSON.utf8)))
        }
    }
}

extension EmpirioClient {
    /// `GET /v1/jobs/{id}`.
    ///
    /// - Parameters:
    ///   - id: the job's id.
    ///   - options: this call's timeout, retries and headers.
    /// - Returns: the job as it is now.
    /// - Throws: ``EmpirioError``; `.api` with status 404 once the job is gone.
    public func job(_ id: String, options: RequestOptions = RequestOptions()) async throws(EmpirioError) -> Job {
        try await get(EndpointPath.jobs.appending(id), options: options)
    }

    /// Polls a job until it completes, reporting progress; throws when it fails, when it is gone
    /// (job state is kept one hour after completion) or after `timeout`.
    ///
    /// - Parameters:
    ///   - id: the job's id.
    ///   - pollInterval: the pause between polls (2 s).
    ///   - timeout: how long to wait in all (30 minutes).
    ///   - options: the polls' timeout, retries and headers.
    ///   - onProgress: sees the job after every poll.
    /// - Returns: the completed job.
    /// - Throws: ``EmpirioError``: `.job` when it failed or is gone, `.timeout` after `timeout`,
    ///   `.cancelled` when the task is cancelled.
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
                    message:
                        "job \(id) was not found: it never existed, or it finished more than an hour ago (the gateway keeps job state for one hour)",
                    requestID: error.requestID)
            }
            onProgress?(job)
            switch job.status {
            case .completed: return job
            case .failed:
                let message =
                    job.error?["message"]?.stringValue ?? job.error?.stringValue ?? job.error?.compactJSON
                    ?? "no reason given"
                throw EmpirioError(
                    kind: .job, code: job.error?["code"]?.stringValue, message: "job \(id) failed: \(message)")
            default: break
            }
            if elapsed() + pollInterval > timeout {
                throw EmpirioError(
                    kind: .timeout,
                    message:
                        "job \(id) did not finish within \(timeout) (last status \(job.status), progress \(job.progress.map { String($0) } ?? "unknown"))"
                )
            }
            do {
                try await Self.sleep(configuration.clock, for: pollInterval)
            } catch {
                throw EmpirioError(kind: .cancelled, message: "waiting for job \(id) was cancelled")
            }
        }
    }
}
