/// The forward search: croniter 2.0.7's algorithm (the library Python bullmq uses), restated. It walks the
/// wall clock field by field (month, day of month, day of week, hour, minute, second), restarting whenever a
/// field moves, reads the matching wall time in the zone, then applies croniter's correction for an offset
/// change between the base and the result. Matching its quirks is the point: bullmq's next run times are
/// computed this way, and ours must be the same.
struct CronSearch {
    let schedule: CronSchedule
    let zone: ZoneOffsets

    /// How many years away from the start a match may lie before the search gives up (croniter's default).
    static let yearsSearched = 50

    /// The next fire time in milliseconds after `base` (milliseconds since the epoch), nil when none.
    func nextFireTime(afterMilliseconds base: Int64) -> Int64? {
        let baseSecond = base.floorDivided(by: 1000)
        let found: Int64
        if !schedule.dayOfMonth.matchesEvery && !schedule.dayOfWeek.matchesEvery {
            // Day of month OR day of week: each searched alone, the earlier wins; both must exist.
            guard let byDayOfMonth = search(from: baseSecond, dayOfMonth: schedule.dayOfMonth, dayOfWeek: .every),
                let byDayOfWeek = search(from: baseSecond, dayOfMonth: .every, dayOfWeek: schedule.dayOfWeek)
            else { return nil }
            found = min(byDayOfMonth, byDayOfWeek)
        } else {
            guard let match = search(from: baseSecond, dayOfMonth: schedule.dayOfMonth, dayOfWeek: schedule.dayOfWeek)
            else { return nil }
            found = match
        }
        return correctedForOffsetChange(found, baseMilliseconds: base) * 1000
    }

    /// The first matching instant (seconds) after `start`: from the next second (6 fields) or the next
    /// minute (5 fields, seconds dropped), within `yearsSearched` years.
    private func search(from start: Int64, dayOfMonth: CronValues, dayOfWeek: CronValues) -> Int64? {
        var time = zone.civilTime(atInstant: start + (schedule.second == nil ? 60 : 1))
        let firstYear = time.year
        while abs(time.year - firstYear) <= CronSearch.yearsSearched {
            if let moved = nextMonth(time) ?? nextDay(time, dayOfMonth) ?? nextWeekday(time, dayOfWeek)
                ?? nextHour(time) ?? nextMinute(time) ?? nextSecond(time)
            {
                time = moved
                continue
            }
            if schedule.second == nil {
                time.second = 0
                time.fold = false
            }
            let wall = time.wallSeconds
            return wall - zone.offset(forWall: wall, fold: time.fold)
        }
        return nil
    }

    private func nextMonth(_ time: CivilTime) -> CivilTime? {
        guard !schedule.month.matchesEvery else { return nil }
        let distance = schedule.month.distanceForward(from: time.month, cycle: 12)
        guard distance != 0 else { return nil }
        let month = time.month + distance
        return CivilTime(
            year: month > 12 ? time.year + 1 : time.year, month: month > 12 ? month - 12 : month, day: 1,
            hour: 0, minute: 0, second: 0)
    }

    private func nextDay(_ time: CivilTime, _ dayOfMonth: CronValues) -> CivilTime? {
        guard !dayOfMonth.matchesEvery else { return nil }
        let length = CivilTime.daysInMonth(year: time.year, month: time.month)
        if dayOfMonth.includesLastDay && time.day == length { return nil }
        let distance = dayOfMonth.distanceForward(from: time.day, cycle: length)
        return distance == 0 ? nil : time.startOfDay(addingDays: distance)
    }

    private func nextWeekday(_ time: CivilTime, _ dayOfWeek: CronValues) -> CivilTime? {
        if !schedule.weekdayOccurrences.isEmpty { return nextWeekdayOccurrence(time) }
        guard !dayOfWeek.matchesEvery else { return nil }
        let distance = dayOfWeek.distanceForward(from: time.weekday, cycle: 7)
        return distance == 0 ? nil : time.startOfDay(addingDays: distance)
    }

    /// `5#2` / `L5`: the earliest asked-for occurrence from today to the month's end, else the next month.
    private func nextWeekdayOccurrence(_ time: CivilTime) -> CivilTime? {
        let length = CivilTime.daysInMonth(year: time.year, month: time.month)
        let first = CivilTime.weekday(year: time.year, month: time.month, day: 1)
        var earliest: Int?
        for (weekday, occurrences) in schedule.weekdayOccurrences {
            let days = Array(stride(from: 1 + (weekday % 7 - first + 7) % 7, through: length, by: 7))
            for occurrence in occurrences {
                let day: Int
                switch occurrence {
                case .last: day = days[days.count - 1]
                case .ordinal(let nth):
                    guard days.count >= nth else { continue }
                    day = days[nth - 1]
                }
                if time.day <= day { earliest = min(earliest ?? day, day) }
            }
        }
        guard let earliest else { return time.startOfDay(addingDays: length - time.day + 1) }
        return earliest == time.day ? nil : time.startOfDay(addingDays: earliest - time.day)
    }

    private func nextHour(_ time: CivilTime) -> CivilTime? {
        guard !schedule.hour.matchesEvery else { return nil }
        let distance = schedule.hour.distanceForward(from: time.hour, cycle: 24)
        guard distance != 0 else { return nil }
        var moved = time
        (moved.minute, moved.second) = (0, 0)
        return moved.adding(seconds: Int64(distance) * 3600)
    }

    private func nextMinute(_ time: CivilTime) -> CivilTime? {
        guard !schedule.minute.matchesEvery else { return nil }
        let distance = schedule.minute.distanceForward(from: time.minute, cycle: 60)
        guard distance != 0 else { return nil }
        var moved = time
        moved.second = 0
        return moved.adding(seconds: Int64(distance) * 60)
    }

    private func nextSecond(_ time: CivilTime) -> CivilTime? {
        guard let second = schedule.second, !second.matchesEvery else { return nil }
        let distance = second.distanceForward(from: time.second, cycle: 60)
        return distance == 0 ? nil : time.adding(seconds: Int64(distance))
    }

    /// croniter's correction when the zone's offset differs between the base and the result: if the result
    /// lies at least as far as the base's next midnight (measured on the wall clock, with the offset change
    /// added when the offset shrinks), the result moves by the offset change on the wall clock. Done in
    /// floating point as croniter does it, so the boundary cases compare the same way.
    private func correctedForOffsetChange(_ result: Int64, baseMilliseconds base: Int64) -> Int64 {
        let baseSecond = base.floorDivided(by: 1000)
        let startOffset = zone.offset(atInstant: baseSecond)
        let resultOffset = zone.offset(atInstant: result)
        guard resultOffset != startOffset else { return result }
        let startWallMilliseconds = base + startOffset * 1000
        let startHour = CivilTime(wallSeconds: baseSecond + startOffset).hour
        let resultWall = result + resultOffset
        let lag = Double(resultOffset - startOffset)
        let lagHours = Double((resultWall * 1000 - startWallMilliseconds) * 1000) / 1_000_000 / 3600
        let hoursBeforeMidnight = Double(24 - startHour)
        let crossesMidnight =
            (lag > 0 && abs(lagHours) >= hoursBeforeMidnight)
            || (lag < 0 && 3600 * abs(lagHours) + abs(lag) >= hoursBeforeMidnight * 3600)
        guard crossesMidnight else { return result }
        let correctedWall = resultWall - (resultOffset - startOffset)
        return correctedWall - zone.offset(forWall: correctedWall, fold: false)
    }
}

extension CivilTime {
    init(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        self.init(wallSeconds: Int64(CivilTime.days(year: year, month: month, day: day)) * 86_400)
        (self.hour, self.minute, self.second) = (hour, minute, second)
    }
}
